//! The Dashboard check against the local fake Dashboard: 3 pages of 1,000
//! subscriptions (the wanted one on the last page), each answer sent after a delay.
//! Prints the wall time minus the time the server spent (its delay included), and the
//! peak heap the check adds, counted on the checking thread only (the fake server's
//! threads are left out). `cargo bench --bench dashboard_check --no-default-features --features dashboard`
//! (see BENCHMARKS.md).

// A counting allocator needs `unsafe impl GlobalAlloc`; it only forwards to the system
// allocator and counts.
#![allow(unsafe_code)]
// A benchmark reports on standard output.
#![allow(clippy::print_stdout)]

#[path = "support/short.rs"]
mod short;

#[path = "../tests/support/fake_dashboard/mod.rs"]
mod fake_dashboard;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use cssm_assistant::dashboard::{self, Client, ProxyChoice, Settings};
use cssm_assistant::evidence::{ApiKey, Target};
use fake_dashboard::{organization, paged_with_delay, subscription};

struct Counting;

static CURRENT: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

thread_local! {
    static COUNTED: Cell<bool> = const { Cell::new(false) };
}

fn counted() -> bool {
    COUNTED.try_with(Cell::get).unwrap_or(false)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if counted() {
            let now = CURRENT.fetch_add(layout.size() as isize, Ordering::Relaxed)
                + layout.size() as isize;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        // SAFETY: forwarded as is to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if counted() {
            CURRENT.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
        // SAFETY: forwarded as is to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const RUNS: usize = 30;
const DELAY: Duration = Duration::from_millis(5);

fn main() {
    let pages: Vec<Vec<serde_json::Value>> = (0..3)
        .map(|p| {
            (0..1000)
                .map(|i| {
                    let id = if p == 2 && i == 999 {
                        "Sub-wanted".to_owned()
                    } else {
                        format!("Sub{p}{i:04}")
                    };
                    subscription(&id, 2, "acme.example", "active")
                })
                .collect()
        })
        .collect();
    let page_bytes: usize = pages
        .iter()
        .map(|p| serde_json::Value::Array(p.clone()).to_string().len())
        .sum();
    let server = paged_with_delay(
        organization("549236", "Acme Org", "subscription"),
        pages,
        DELAY,
    );
    let target = Target::new("549236", Some("Sub-wanted")).expect("target");
    let key = ApiKey::new("0123456789abcdef0123456789abcdef01234567").expect("key");
    let settings = Settings {
        base_url: server.base_url(),
        proxy: ProxyChoice::Direct,
        ..Settings::default()
    };

    let runs = short::runs(RUNS);
    let mut net = Vec::with_capacity(runs);
    let mut peaks = Vec::with_capacity(runs);
    for run in 0..=runs {
        let busy_before = server.busy();
        CURRENT.store(0, Ordering::Relaxed);
        PEAK.store(0, Ordering::Relaxed);
        COUNTED.with(|c| c.set(true));
        let started = Instant::now();
        let client = Client::new(settings.clone(), key.clone()).expect("client");
        let evidence = dashboard::check(&client, &target, &mut |_| {}, &AtomicBool::new(false))
            .expect("check");
        drop(client);
        let wall = started.elapsed();
        COUNTED.with(|c| c.set(false));
        assert_eq!(evidence.subscriptions_listed, 3000);
        assert!(evidence.subscription.is_some());
        drop(evidence);
        let server_time = server.busy() - busy_before;
        if run > 0 {
            // The first run warms up (connection set-up code, page cache).
            net.push(wall.saturating_sub(server_time));
            peaks.push(PEAK.load(Ordering::Relaxed).max(0) as usize);
        }
    }
    net.sort();
    peaks.sort();
    let median = net[runs / 2];
    let p95 = net[runs * 95 / 100];
    let peak = peaks[runs / 2];
    let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
    println!(
        "| check, 3 pages of 1,000 subscriptions ({:.1} MiB of JSON), wall time minus the server's time ({} ms delay per answer included), median of {runs} (p95 {:.1} ms) | {:.1} ms | < 50 ms | {} |",
        mib(page_bytes),
        DELAY.as_millis(),
        p95.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3,
        if median < Duration::from_millis(50) {
            "yes"
        } else {
            "no"
        }
    );
    println!(
        "| peak heap added by that check (median of {runs}) | {:.2} MiB | < 10 MiB | {} |",
        mib(peak),
        if mib(peak) < 10.0 { "yes" } else { "no" }
    );
}
