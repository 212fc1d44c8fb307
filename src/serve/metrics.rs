//! `GET /metrics`: requests by route and status, their latency as a histogram, and the
//! requests in flight, in Prometheus' text format.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State as Shared};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Upper bounds of the latency buckets, in milliseconds.
const BUCKETS_MS: [u64; 12] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000];

#[derive(Default)]
pub(super) struct Metrics {
    in_flight: AtomicI64,
    by_route: Mutex<BTreeMap<(String, u16), Route>>,
}

#[derive(Default, Clone)]
struct Route {
    count: u64,
    /// Requests at or under each bound of [`BUCKETS_MS`].
    buckets: [u64; BUCKETS_MS.len()],
    /// Microseconds in all.
    sum_us: u128,
}

/// Count a request: in flight while it runs, then by its route (the route's pattern, not
/// the path asked for, so that the labels stay few) and status, with its latency.
pub(super) async fn count(
    Shared(st): Shared<std::sync::Arc<super::State>>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let m = &st.metrics;
    m.in_flight.fetch_add(1, Ordering::Relaxed);
    let start = Instant::now();
    let response = next.run(request).await;
    let took = start.elapsed();
    m.in_flight.fetch_sub(1, Ordering::Relaxed);
    let status = response.status().as_u16();
    let ms = u64::try_from(took.as_millis()).unwrap_or(u64::MAX);
    if let Ok(mut all) = m.by_route.lock() {
        let r = all.entry((route, status)).or_default();
        r.count = r.count.saturating_add(1);
        r.sum_us = r.sum_us.saturating_add(took.as_micros());
        for (b, bound) in r.buckets.iter_mut().zip(BUCKETS_MS) {
            if ms <= bound {
                *b = b.saturating_add(1);
            }
        }
    }
    response
}

/// The text format (version 0.0.4).
pub(super) async fn render(Shared(st): Shared<std::sync::Arc<super::State>>) -> Response {
    let m = &st.metrics;
    let mut o = String::new();
    o.push_str("# HELP par_index_requests_total Requests answered, by route and status.\n");
    o.push_str("# TYPE par_index_requests_total counter\n");
    let all = m.by_route.lock().map(|a| a.clone()).unwrap_or_default();
    for ((route, status), r) in &all {
        let _ = writeln!(
            o,
            "par_index_requests_total{{route=\"{}\",status=\"{status}\"}} {}",
            label(route),
            r.count
        );
    }
    o.push_str("# HELP par_index_request_duration_seconds Time to answer, by route.\n");
    o.push_str("# TYPE par_index_request_duration_seconds histogram\n");
    let mut by_route: BTreeMap<&str, Route> = BTreeMap::new();
    for ((route, _), r) in &all {
        let t = by_route.entry(route.as_str()).or_default();
        t.count = t.count.saturating_add(r.count);
        t.sum_us = t.sum_us.saturating_add(r.sum_us);
        for (a, b) in t.buckets.iter_mut().zip(r.buckets) {
            *a = a.saturating_add(b);
        }
    }
    for (route, r) in &by_route {
        let route = label(route);
        for (bound, n) in BUCKETS_MS.iter().zip(r.buckets) {
            let _ = writeln!(
                o,
                "par_index_request_duration_seconds_bucket{{route=\"{route}\",le=\"{}\"}} {n}",
                seconds(u128::from(*bound).saturating_mul(1000))
            );
        }
        let _ = writeln!(
            o,
            "par_index_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
            r.count
        );
        let _ = writeln!(
            o,
            "par_index_request_duration_seconds_sum{{route=\"{route}\"}} {}",
            seconds(r.sum_us)
        );
        let _ = writeln!(
            o,
            "par_index_request_duration_seconds_count{{route=\"{route}\"}} {}",
            r.count
        );
    }
    o.push_str("# HELP par_index_requests_in_flight Requests being answered now.\n");
    o.push_str("# TYPE par_index_requests_in_flight gauge\n");
    let _ = writeln!(
        o,
        "par_index_requests_in_flight {}",
        m.in_flight.load(Ordering::Relaxed)
    );
    let mut r = o.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    r
}

/// Microseconds as seconds in decimal (`0.001250`), without a float.
fn seconds(us: u128) -> String {
    format!("{}.{:06}", us / 1_000_000, us % 1_000_000)
}

/// A label value with `\`, `"` and line breaks escaped.
fn label(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
