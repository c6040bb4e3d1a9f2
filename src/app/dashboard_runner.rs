//! Runs a Dashboard check on its own thread; its progress and result come back to the
//! UI thread as actions, like the file dialogs' results.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::assistant::Action;
use crate::dashboard::{self, Client, Settings};
use crate::evidence::{ApiKey, DashboardError, Target};

/// The running check, if any.
#[derive(Default)]
pub struct DashboardRunner {
    running: Option<(Receiver<Action>, Arc<AtomicBool>)>,
}

impl DashboardRunner {
    /// Starts a check; `wake` is called after each message so the window redraws.
    pub fn start(
        &mut self,
        settings: Settings,
        key: ApiKey,
        target: Target,
        wake: impl Fn() + Send + 'static,
    ) {
        self.cancel();
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name("dashboard-check".into())
            .spawn(move || {
                let result = Client::new(settings, key).and_then(|client| {
                    dashboard::check(
                        &client,
                        &target,
                        &mut |p| {
                            let _ = tx.send(Action::DashboardProgress(p));
                            wake();
                        },
                        &flag,
                    )
                });
                let _ = tx.send(Action::DashboardChecked(Box::new(result)));
                wake();
            });
        match spawned {
            Ok(_) => self.running = Some((rx, cancel)),
            Err(e) => {
                let (tx, rx) = channel();
                let _ = tx.send(Action::DashboardChecked(Box::new(Err(
                    DashboardError::Network(e.to_string()),
                ))));
                self.running = Some((rx, cancel));
            }
        }
    }

    /// Asks the running check to stop (it stops before its next request or during a
    /// wait, and reports [`DashboardError::Cancelled`]).
    pub fn cancel(&mut self) {
        if let Some((_, cancel)) = &self.running {
            cancel.store(true, Ordering::Relaxed);
        }
    }

    /// The messages that arrived since the last call.
    pub fn poll(&mut self) -> Vec<Action> {
        let mut out = Vec::new();
        let Some((rx, _)) = &self.running else {
            return out;
        };
        loop {
            match rx.try_recv() {
                Ok(action) => {
                    let done = matches!(action, Action::DashboardChecked(_));
                    out.push(action);
                    if done {
                        self.running = None;
                        break;
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.running = None;
                    break;
                }
            }
        }
        out
    }
}
