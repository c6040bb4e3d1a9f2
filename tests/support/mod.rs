//! What the three test programs share: the binary's runner, the fake Meraki Dashboard on 127.0.0.1, the
//! built-in cases of the summary tests, the paths of the spec, and (with the window) the
//! kittest helpers that find and press what a user sees.
#![allow(dead_code)]

#[cfg(feature = "gui")]
pub mod binary;
#[cfg(feature = "dashboard")]
pub mod fake_dashboard;
pub mod fixtures;
#[cfg(feature = "gui")]
pub mod kittest;
pub mod spec_paths;
