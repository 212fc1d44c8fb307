//! Failures as RFC 9457 problem details (`application/problem+json`): a type URI, a title,
//! the status, a detail, and every located problem of the input.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::{Error, Problem};

/// The media type of a problem answer.
pub(super) const PROBLEM_JSON: &str = "application/problem+json";

/// A problem answer: `kind` names it (`https://par-index.dev/problems/{kind}`).
pub(super) fn answer(
    status: StatusCode,
    kind: &str,
    detail: &str,
    problems: &[Problem],
) -> Response {
    let body = serde_json::json!({
        "type": format!("https://par-index.dev/problems/{kind}"),
        "title": status.canonical_reason().unwrap_or("error"),
        "status": status.as_u16(),
        "detail": crate::model::text::printable(detail),
        "problems": problems,
    });
    let mut text = serde_json::to_string_pretty(&body).unwrap_or_default();
    text.push('\n');
    let mut r = (status, text).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    r
}

/// The library refused the input (400, every problem), or could not write its output (500:
/// not the input's fault).
pub(super) fn of_error(e: &Error) -> Response {
    match e {
        Error::Output { .. } => answer(
            StatusCode::INTERNAL_SERVER_ERROR,
            "output",
            &e.to_string(),
            &[],
        ),
        Error::Invalid(problems) => answer(
            StatusCode::BAD_REQUEST,
            "invalid-input",
            &format!("{} problem(s) in the input", problems.len()),
            problems,
        ),
        other => answer(
            StatusCode::BAD_REQUEST,
            "invalid-input",
            &other.to_string(),
            &[],
        ),
    }
}

/// A request the server cannot take as it is: a bad parameter, header or body.
pub(super) fn bad_request(kind: &str, detail: &str) -> Response {
    answer(StatusCode::BAD_REQUEST, kind, detail, &[])
}

/// No such thing on this server (a methodology id, an item code).
pub(super) fn not_found(detail: &str) -> Response {
    answer(StatusCode::NOT_FOUND, "not-found", detail, &[])
}

/// The server is at its limit of requests: try again shortly.
pub(super) fn busy() -> Response {
    let mut r = answer(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        "the server is at its limit of requests at once; try again in a second",
        &[],
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// The work took longer than the server allows.
pub(super) fn timeout() -> Response {
    let mut r = answer(
        StatusCode::SERVICE_UNAVAILABLE,
        "timeout",
        "the request took longer than the server allows (--timeout)",
        &[],
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    r
}

/// A failure of the server itself (a bug: every input has an answer of its own).
pub(super) fn internal() -> Response {
    answer(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "the server failed on this request: a bug, please report it",
        &[],
    )
}
