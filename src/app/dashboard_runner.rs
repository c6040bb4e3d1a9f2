//! Runs a Dashboard check, or a listing of what the key can read, on its own thread;
//! its progress and result come back to the UI thread as actions, like the file
//! dialogs' results.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::assistant::Action;
use crate::assistant::picker::{ListKind, Listed};
use crate::dashboard::{self, Client, Settings};
use crate::evidence::{ApiKey, CheckProgress, DashboardError, Target};

/// The running check or listing, if any (one runner each).
#[derive(Default)]
pub struct DashboardRunner {
    running: Option<(Receiver<Message>, Arc<AtomicBool>)>,
}

/// What the thread sends back.
enum Message {
    /// A progress report.
    Progress(Action),
    /// The end.
    Done(Action),
}

use Message::{Done, Progress};

impl DashboardRunner {
    /// Starts a check; `wake` is called after each message so the window redraws.
    pub fn start(
        &mut self,
        settings: Settings,
        key: ApiKey,
        target: Target,
        wake: impl Fn() + Send + 'static,
    ) {
        let failed = |e| Action::DashboardChecked(Box::new(Err(e)));
        self.spawn(
            "dashboard-check",
            wake,
            Action::DashboardProgress,
            failed,
            move |progress, flag| {
                let result = Client::new(settings, key)
                    .and_then(|client| dashboard::check(&client, &target, progress, flag));
                Action::DashboardChecked(Box::new(result))
            },
        );
    }

    /// Starts listing what the key can read (organizations, or one organization's
    /// subscriptions); `wake` as for [`DashboardRunner::start`].
    pub fn start_listing(
        &mut self,
        settings: Settings,
        key: ApiKey,
        kind: ListKind,
        wake: impl Fn() + Send + 'static,
    ) {
        let failed = |e| Action::DashboardListed(Box::new(Err(e)));
        self.spawn(
            "dashboard-list",
            wake,
            Action::DashboardListProgress,
            failed,
            move |progress, flag| {
                let result = Client::new(settings, key).and_then(|client| match kind {
                    ListKind::Organizations => {
                        dashboard::list_organizations(&client, progress, flag)
                            .map(Listed::Organizations)
                    }
                    ListKind::Subscriptions(org) => {
                        let target = Target::new(&org, None)?;
                        dashboard::list_subscriptions(&client, &target, progress, flag).map(
                            |listing| Listed::Subscriptions {
                                organization_id: target.organization_id,
                                listing,
                            },
                        )
                    }
                });
                Action::DashboardListed(Box::new(result))
            },
        );
    }

    /// Runs `job` on its own thread: its progress comes back as `progress(p)`, its end
    /// as the action it returns (which ends the run), or `failed(e)` when no thread
    /// could be started.
    fn spawn(
        &mut self,
        name: &str,
        wake: impl Fn() + Send + 'static,
        progress: fn(CheckProgress) -> Action,
        failed: fn(DashboardError) -> Action,
        job: impl FnOnce(&mut dyn FnMut(CheckProgress), &AtomicBool) -> Action + Send + 'static,
    ) {
        self.cancel();
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let done = job(
                    &mut |p| {
                        let _ = tx.send(Progress(progress(p)));
                        wake();
                    },
                    &flag,
                );
                let _ = tx.send(Done(done));
                wake();
            });
        match spawned {
            Ok(_) => self.running = Some((rx, cancel)),
            Err(e) => {
                let (tx, rx) = channel();
                let _ = tx.send(Done(failed(DashboardError::Network(e.to_string()))));
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
                Ok(Progress(action)) => out.push(action),
                Ok(Done(action)) => {
                    out.push(action);
                    self.running = None;
                    break;
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
