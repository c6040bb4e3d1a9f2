//! The window's first size: the preferred size when the monitor has room for it,
//! otherwise as much of the monitor's work area as there is, so a 1366×768 laptop at
//! 150 % scaling (911×512 points) shows the whole window, title bar and buttons
//! included. Size and position are then remembered between starts (eframe's
//! persistence), and checked again at each start, since the monitor may have changed.

use egui::{Vec2, vec2};

/// The size the window asks for when the monitor has room, in points.
pub const PREFERRED: Vec2 = vec2(1100.0, 760.0);

/// The smallest size the window can be made, in points: small enough to fit a
/// 1366×768 monitor at 175 % (780×439 points) once the taskbar and title bar are
/// taken off; the pages scroll below that height.
pub const MINIMUM: Vec2 = vec2(560.0, 320.0);

/// What the system keeps from a monitor, in points: the taskbar (48 on Windows 11, 40
/// on Windows 10, GNOME's top bar 32) at the bottom or the top.
const TASKBAR: f32 = 48.0;

/// The window's title bar and frame, in points, which come on top of its inner size.
const DECORATIONS: Vec2 = vec2(16.0, 32.0);

/// Where a window that did not fit goes: its inner size and the position of its outer
/// top-left corner, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The inner size.
    pub inner_size: Vec2,
    /// The outer top-left corner, relative to the monitor's.
    pub outer_position: egui::Pos2,
}

/// The largest inner size that fits a monitor of `monitor` points with its taskbar.
pub fn work_area_inner(monitor: Vec2) -> Vec2 {
    (monitor - DECORATIONS - vec2(0.0, TASKBAR)).max(MINIMUM)
}

/// Where a window of inner size `inner` should go on a monitor of `monitor` points:
/// `None` when it fits already, else the largest size that fits, centred in the work
/// area.
pub fn fit(inner: Vec2, monitor: Vec2) -> Option<Placement> {
    if monitor.x <= 0.0 || monitor.y <= 0.0 {
        return None;
    }
    let room = work_area_inner(monitor);
    if inner.x <= room.x && inner.y <= room.y {
        return None;
    }
    let inner_size = inner.min(room);
    let outer = inner_size + DECORATIONS;
    let free = (monitor - vec2(0.0, TASKBAR) - outer).max(Vec2::ZERO);
    Some(Placement {
        inner_size,
        outer_position: (free * 0.5).to_pos2(),
    })
}
