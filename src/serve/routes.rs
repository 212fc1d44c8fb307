//! The routes: each handler reads the request (parameters, body, `Accept`), calls the
//! library off the async threads, and writes its answer or a problem.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Query, Request, State as Shared};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::{Catalogue, State, problem};
use crate::error::Error;
use crate::model::methodology::Methodology;
use crate::model::text::Lang;
use crate::report::{Format, Output};

/// The media type of an Excel workbook.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub(super) fn router(state: Arc<State>) -> Router {
    let max_body = state.config.max_body;
    let guarded = Router::new()
        .route("/readyz", get(|| async { "ready\n" }))
        .route("/v1/methodologies", get(methodologies))
        .route("/v1/methodologies/{id}", get(methodology))
        .route("/v1/score", post(score))
        .route("/v1/readiness", post(readiness))
        .route("/v1/gaps", post(gaps))
        .route("/v1/explain", post(explain))
        .route("/v1/validate", post(validate))
        .route("/v1/verify", post(verify))
        .route("/v1/template", get(template).post(template_from))
        .route("/v1/rank", post(super::upload::rank))
        .route("/v1/compare", post(super::upload::compare))
        .route("/v1/appraise", post(super::upload::appraise))
        .route("/v1/diff", post(super::upload::diff))
        .route("/openapi.json", get(openapi))
        .route("/metrics", get(super::metrics::render))
        .route("/", get(super::upload::page))
        .route("/ui/score", post(super::upload::ui_score))
        .route("/ui/rank", post(super::upload::ui_rank))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            authorised,
        ));
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .merge(guarded)
        .fallback(|| async { problem::not_found("no such route") })
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            super::metrics::count,
        ))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let id = req
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", id = %id, method = %req.method(), route = %req.uri().path())
                })
                .on_request(())
                .on_response(
                    tower_http::trace::DefaultOnResponse::new()
                        .level(tracing::Level::INFO)
                        .latency_unit(tower_http::LatencyUnit::Millis),
                ),
        )
        .layer(tower_http::request_id::PropagateRequestIdLayer::new(
            axum::http::HeaderName::from_static(REQUEST_ID),
        ))
        .layer(tower_http::request_id::SetRequestIdLayer::new(
            axum::http::HeaderName::from_static(REQUEST_ID),
            Counter::default(),
        ))
        .with_state(state)
}

/// The header that carries a request's id: the client's own when it sends one, else one the
/// server gives (`x-request-id: 17`); the answer carries it back, and the log names it.
const REQUEST_ID: &str = "x-request-id";

/// Request ids in the order requests arrive.
#[derive(Clone, Default)]
struct Counter(Arc<std::sync::atomic::AtomicU64>);

impl tower_http::request_id::MakeRequestId for Counter {
    fn make_request_id<B>(
        &mut self,
        _: &axum::http::Request<B>,
    ) -> Option<tower_http::request_id::RequestId> {
        let n = self
            .0
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            .wrapping_add(1);
        HeaderValue::from_str(&n.to_string())
            .ok()
            .map(tower_http::request_id::RequestId::new)
    }
}

/// With a token configured, a request must carry it (`Authorization: Bearer …`).
async fn authorised(Shared(st): Shared<Arc<State>>, request: Request, next: Next) -> Response {
    let Some(token) = &st.config.token else {
        return next.run(request).await;
    };
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes())) {
        next.run(request).await
    } else {
        let mut r = problem::answer(
            StatusCode::UNAUTHORIZED,
            "unauthorised",
            "this server needs `Authorization: Bearer <token>`",
            &[],
        );
        r.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        r
    }
}

/// Equal bytes, compared in a time that does not depend on where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The query parameters a route may take; any other is refused.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Params {
    /// The methodology to score against (an id this server serves), instead of the one the
    /// submission names.
    pub(super) methodology: Option<String>,
    /// `vi` or `en`, over `Accept-Language`.
    lang: Option<String>,
    /// A format by name (`json`, `html`, `markdown`, `text`, `csv`, `xlsx`, `toml`), over
    /// `Accept`.
    format: Option<String>,
    /// The item or area to explain.
    code: Option<String>,
    /// The template's unit code, name and period; the unit compared.
    pub(super) unit: Option<String>,
    name: Option<String>,
    period: Option<String>,
}

/// The parameters, or a problem naming the one refused.
pub(super) fn params(q: Result<Query<Params>, QueryRejection>) -> Result<Params, Response> {
    q.map(|Query(p)| p)
        .map_err(|e| problem::bad_request("bad-parameter", &e.body_text()))
}

/// The language: `lang=`, else the first of `Accept-Language` that is English or
/// Vietnamese, else Vietnamese.
pub(super) fn lang(p: &Params, headers: &HeaderMap) -> Result<Lang, Response> {
    if let Some(l) = &p.lang {
        return l.parse().map_err(|e: crate::UnknownName| {
            problem::bad_request("bad-parameter", &e.to_string())
        });
    }
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    for tag in accepted.split(',') {
        let tag = tag
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if tag.starts_with("en") {
            return Ok(Lang::En);
        }
        if tag.starts_with("vi") {
            return Ok(Lang::Vi);
        }
    }
    Ok(Lang::Vi)
}

/// The format of the answer: `format=`, else the first media type of `Accept` this route
/// writes, else `default`.
pub(super) fn wanted(
    p: &Params,
    headers: &HeaderMap,
    offered: &[Format],
    default: Format,
) -> Result<Format, Response> {
    if let Some(f) = &p.format {
        let f: Format = f.parse().map_err(|e: crate::UnknownName| {
            problem::bad_request("bad-parameter", &e.to_string())
        })?;
        return if offered.contains(&f) {
            Ok(f)
        } else {
            Err(not_offered(offered))
        };
    }
    let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return Ok(default);
    };
    for media in accept.split(',') {
        let media = media.split(';').next().unwrap_or("").trim();
        let f = match media {
            "*/*" | "application/*" | "" => return Ok(default),
            "application/json" => Format::Json,
            "text/html" => Format::Html,
            "text/markdown" => Format::Markdown,
            "text/plain" | "text/*" => Format::Text,
            "text/csv" => Format::Csv,
            XLSX => Format::Xlsx,
            _ => continue,
        };
        if offered.contains(&f) {
            return Ok(f);
        }
    }
    Err(not_offered(offered))
}

fn not_offered(offered: &[Format]) -> Response {
    let names: Vec<&str> = offered.iter().map(|f| f.media_type()).collect();
    problem::answer(
        StatusCode::NOT_ACCEPTABLE,
        "not-acceptable",
        &format!("this route answers {}", names.join(", ")),
        &[],
    )
}

/// The body, or a problem: over the size limit (413), or unreadable (400).
fn body(b: Result<Bytes, BytesRejection>) -> Result<Bytes, Response> {
    b.map_err(|e| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            problem::answer(
                status,
                "too-large",
                "the body is over this server's limit (--max-body)",
                &[],
            )
        } else {
            problem::bad_request("bad-body", &e.body_text())
        }
    })
}

/// A submission's body is JSON or a filled Excel form (or bytes of either, told apart by
/// their content); anything else declared is refused with 415.
fn submission_type(headers: &HeaderMap) -> Result<(), Response> {
    let Some(t) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return Ok(());
    };
    let media = t.split(';').next().unwrap_or("").trim();
    match media {
        "application/json" | XLSX | "application/octet-stream" => Ok(()),
        other => Err(problem::answer(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            &format!(
                "a submission is `application/json` or `{XLSX}`, not `{}` (with curl: -H 'content-type: application/json')",
                crate::model::text::printable(other)
            ),
            &[],
        )),
    }
}

/// A methodology named by a parameter, from this server's catalogue.
fn named(cat: &Catalogue, id: Option<&str>) -> Result<Option<Methodology>, Response> {
    id.map(|id| served(cat, id).cloned()).transpose()
}

/// The methodology of this id or SHA-256 this server serves, else a 404 saying so.
pub(super) fn served<'c>(cat: &'c Catalogue, id: &str) -> Result<&'c Methodology, Response> {
    cat.get(id).ok_or_else(|| {
        problem::not_found(&format!(
            "this server has no methodology `{}` (GET /v1/methodologies lists them)",
            crate::model::text::printable(id)
        ))
    })
}

/// Run `f` off the async threads, at most `concurrency` at once and as many waiting; a full
/// server answers 503 at once, a request past the timeout 503.
pub(super) async fn work<T: Send + 'static>(
    st: &State,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    let slot = Arc::clone(&st.slots)
        .try_acquire_owned()
        .map_err(|_| problem::busy())?;
    let workers = Arc::clone(&st.workers);
    let job = async move {
        let _slot = slot;
        let _worker = workers
            .acquire_owned()
            .await
            .map_err(|_| problem::internal())?;
        // The request's span goes with the work, so that what it logs names the request.
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || span.in_scope(f))
            .await
            .map_err(|_| problem::internal())
    };
    match tokio::time::timeout(st.config.timeout, job).await {
        Ok(done) => done,
        Err(_) => Err(problem::timeout()),
    }
}

/// A rendered report as an answer, with its media type.
pub(super) fn answer_of(out: Result<Output, Error>, format: Format) -> Response {
    match out {
        Ok(Output::Text(t)) => with_type(t.into_bytes(), format.media_type()),
        Ok(Output::Bytes(b)) => with_type(b, format.media_type()),
        Err(e) => problem::of_error(&e),
    }
}

fn with_type(body: Vec<u8>, media: &str) -> Response {
    let mut r = body.into_response();
    if let Ok(v) = HeaderValue::from_str(media) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r
}

fn json(value: &serde_json::Value) -> Response {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    with_type(text.into_bytes(), "application/json")
}

/// `GET /v1/methodologies`: every methodology served, in brief.
async fn methodologies(Shared(st): Shared<Arc<State>>) -> Response {
    let cat = st.catalogue();
    let all: Vec<serde_json::Value> = cat.all().into_iter().map(|m| summary(&cat, m)).collect();
    json(&serde_json::Value::Array(all))
}

fn summary(cat: &Catalogue, m: &Methodology) -> serde_json::Value {
    serde_json::json!({
        "id": m.id(),
        "title": m.title(),
        "level": m.level(),
        "year": m.year(),
        "sha256": m.sha256(),
        "max": m.max(),
        "areas": m.areas().len(),
        "items": m.leaves().count(),
        "source": cat.source(m.id()).map(|(_, from)| from),
    })
}

/// `GET /v1/methodologies/{id}`: one methodology in brief, or its TOML (`format=toml` or
/// `Accept: application/toml`).
async fn methodology(
    Shared(st): Shared<Arc<State>>,
    Path(id): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let p = match params(q) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let cat = st.catalogue();
    let m = match served(&cat, &id) {
        Ok(m) => m,
        Err(r) => return r,
    };
    if let Some(f) = p.format.as_deref()
        && f != "toml"
        && f != "json"
    {
        return problem::bad_request("bad-parameter", "`format` is `json` or `toml`");
    }
    let toml = p.format.as_deref() == Some("toml")
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("application/toml"));
    if toml && let Some((text, _)) = cat.source(m.id()) {
        return with_type(text.as_bytes().to_vec(), "application/toml");
    }
    json(&summary(&cat, m))
}

/// What a submission route was given: the parameters, the language, the format wanted and
/// the body.
struct Given {
    p: Params,
    lang: Lang,
    format: Format,
    body: Bytes,
    cat: Arc<Catalogue>,
}

fn given(
    st: &State,
    q: Result<Query<Params>, QueryRejection>,
    headers: &HeaderMap,
    b: Result<Bytes, BytesRejection>,
    offered: &[Format],
) -> Result<Given, Response> {
    let p = params(q)?;
    submission_type(headers)?;
    let body = body(b)?;
    let lang = lang(&p, headers)?;
    let format = wanted(&p, headers, offered, Format::Json)?;
    Ok(Given {
        p,
        lang,
        format,
        body,
        cat: st.catalogue(),
    })
}

/// The submission of a request, read and checked against the methodology asked for or the
/// one it names; then `f` of it.
fn with_submission<T>(
    g: &Given,
    limits: crate::Limits,
    f: impl FnOnce(&Methodology, &crate::Submission) -> Result<T, Error>,
) -> Result<Result<T, Error>, Response> {
    with_submission_bytes(
        &g.cat,
        g.p.methodology.as_deref(),
        &g.body,
        "request body",
        limits,
        f,
    )
}

/// A submission's bytes (JSON or a filled form, `name` in its problems) read and checked
/// against the methodology `id` or the one it names; then `f` of it.
pub(super) fn with_submission_bytes<T>(
    cat: &Catalogue,
    id: Option<&str>,
    bytes: &[u8],
    name: &str,
    limits: crate::Limits,
    f: impl FnOnce(&Methodology, &crate::Submission) -> Result<T, Error>,
) -> Result<Result<T, Error>, Response> {
    // The log names what was sent by its hash, never by its content.
    tracing::info!(
        input = %crate::model::canonical::sha256_hex(bytes),
        bytes = bytes.len(),
        "input"
    );
    let given = named(cat, id)?;
    let options = crate::Options::new().limits(limits);
    let options = match &given {
        Some(m) => options.methodology(m),
        None => options,
    };
    let read = options.check_submission_bytes(bytes, name, &cat.sets);
    Ok(read
        .outcome
        .and_then(|checked| f(checked.methodology, &checked.submission)))
}

/// A submission read, checked and turned by `f` into a rendering in the format and
/// language asked for (one of `offered`): the answer, or the problem.
async fn rendered(
    st: &Arc<State>,
    q: Result<Query<Params>, QueryRejection>,
    headers: &HeaderMap,
    b: Result<Bytes, BytesRejection>,
    offered: &[Format],
    f: fn(&Methodology, &crate::Submission, Format, Lang) -> Result<Output, Error>,
) -> Response {
    let g = match given(st, q, headers, b, offered) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let limits = st.config.limits;
    let done = work(st, move || {
        with_submission(&g, limits, |m, s| f(m, s, g.format, g.lang))
            .map(|out| answer_of(out, g.format))
    })
    .await;
    done.and_then(|r| r).unwrap_or_else(|r| r)
}

const REPORTS: [Format; 5] = [
    Format::Json,
    Format::Html,
    Format::Markdown,
    Format::Text,
    Format::Xlsx,
];

/// `POST /v1/score`: a submission (JSON or a filled form) scored; the scorecard as JSON
/// (as `par-index score --format json` writes it), HTML, Markdown, text or a workbook.
async fn score(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Response {
    rendered(&st, q, &headers, b, &REPORTS, |m, s, format, lang| {
        crate::report::render(&crate::score(m, s)?, format, lang)
    })
    .await
}

/// `POST /v1/readiness`: a submission checked before it is sent.
async fn readiness(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Response {
    let offered = [Format::Json, Format::Html, Format::Markdown, Format::Text];
    rendered(&st, q, &headers, b, &offered, |m, s, format, lang| {
        crate::report::render(&crate::submission::readiness(m, s)?, format, lang)
    })
    .await
}

/// `POST /v1/gaps`: where a submission loses points, by office and area, and how to win
/// them back; for many units (multipart, as `/v1/rank`), where they lose most together.
async fn gaps(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("multipart/form-data"));
    if multipart {
        let m = axum::extract::Multipart::from_request(request, &st).await;
        return super::upload::batch_gaps(st, q, headers, m).await;
    }
    let b = Bytes::from_request(request, &st).await;
    rendered(&st, q, &headers, b, &REPORTS, |m, s, format, lang| {
        crate::report::render(&crate::analysis::gaps(&crate::score(m, s)?), format, lang)
    })
    .await
}

/// `POST /v1/explain?code=`: how one item or area of a submission got its points: its node
/// of the scorecard as JSON, or the explanation in words.
async fn explain(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Response {
    let offered = [Format::Json, Format::Html, Format::Markdown, Format::Text];
    let g = match given(&st, q, &headers, b, &offered) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let code: crate::Code = match g.p.code.as_deref().map(str::parse) {
        Some(Ok(c)) => c,
        Some(Err(e)) => return problem::bad_request("bad-parameter", &format!("`code`: {e}")),
        None => return problem::bad_request("bad-parameter", "`code` is required (`?code=3.2.1`)"),
    };
    let limits = st.config.limits;
    let done = work(&st, move || {
        let card = match with_submission(&g, limits, crate::score)? {
            Ok(card) => card,
            Err(e) => return Ok(problem::of_error(&e)),
        };
        let Some(out) = crate::report::explain_as(&card, &code, g.format, g.lang) else {
            return Ok(problem::not_found(&format!(
                "no item or area `{code}` in this scorecard"
            )));
        };
        Ok(answer_of(out, g.format))
    })
    .await;
    done.and_then(|r: Result<Response, Response>| r)
        .unwrap_or_else(|r| r)
}

/// `POST /v1/validate`: whether a submission reads and checks against its methodology, with
/// every problem: an answer, not an error, either way.
async fn validate(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Response {
    let g = match given(&st, q, &headers, b, &[Format::Json]) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let limits = st.config.limits;
    let done = work(&st, move || {
        let outcome = with_submission(&g, limits, |m, s| {
            Ok((m.id().to_owned(), s.unit.code.clone()))
        })?;
        Ok(json(&match outcome {
            Ok((methodology, unit)) => serde_json::json!({
                "valid": true, "methodology": methodology, "unit": unit, "problems": [],
            }),
            Err(e) => serde_json::json!({
                "valid": false,
                "problems": if e.problems().is_empty() { serde_json::json!([{"kind": "invalid", "field": "", "message": e.to_string()}]) } else { serde_json::to_value(e.problems()).unwrap_or_default() },
            }),
        }))
    })
    .await;
    done.and_then(|r: Result<Response, Response>| r)
        .unwrap_or_else(|r| r)
}

/// `POST /v1/verify`: a scorecard (JSON) recomputed and compared; a scorecard that does not
/// verify is an answer (`verified: false` with the mismatches), not an error.
async fn verify(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Response {
    let g = match given(&st, q, &headers, b, &[Format::Json]) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let done = work(&st, move || {
        let Ok(text) = std::str::from_utf8(&g.body) else {
            return Err(problem::bad_request(
                "bad-body",
                "a scorecard is UTF-8 JSON text",
            ));
        };
        let card = crate::Scorecard::from_json(text)
            .map_err(|e| problem::of_error(&e.in_file("request body")))?;
        let id =
            g.p.methodology
                .clone()
                .unwrap_or_else(|| card.methodology.id.clone());
        let m = named(&g.cat, Some(&id))?.ok_or_else(problem::internal)?;
        let report = crate::verify(&card, &m);
        let mismatches: Vec<serde_json::Value> = report
            .mismatches
            .iter()
            .map(|x| {
                serde_json::json!({
                    "code": x.code.as_ref().map(ToString::to_string),
                    "field": x.field,
                    "recorded": x.recorded,
                    "recomputed": x.recomputed,
                    "message": x.to_string(),
                })
            })
            .collect();
        Ok(json(&serde_json::json!({
            "verified": report.is_ok(),
            "unit": card.unit.code,
            "methodology": id,
            "checked": report.checked,
            "mismatches": mismatches,
            "notes": report.notes,
        })))
    })
    .await;
    done.and_then(|r| r).unwrap_or_else(|r| r)
}

/// `GET /v1/template?methodology=&unit=&name=&period=`: the blank Excel form of a
/// methodology, for a unit.
async fn template(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let p = match params(q) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let lang = match lang(&p, &headers) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let cat = st.catalogue();
    let id = p
        .methodology
        .clone()
        .unwrap_or_else(|| crate::catalog::DEFAULT_ID.to_owned());
    let m = match named(&cat, Some(&id)) {
        Ok(Some(m)) => m,
        Ok(None) => return problem::internal(),
        Err(r) => return r,
    };
    let done = work(&st, move || {
        let unit = crate::submission::Unit {
            code: p.unit.clone().unwrap_or_default(),
            name: p.name.clone().unwrap_or_default(),
        };
        let mut t = crate::form::Template::new(lang);
        if !unit.code.is_empty() || !unit.name.is_empty() {
            t.unit = Some(&unit);
        }
        t.period = p.period.as_deref();
        match crate::form::template(&m, &t) {
            Ok(bytes) => with_type(bytes, XLSX),
            Err(e) => problem::of_error(&e),
        }
    })
    .await;
    done.unwrap_or_else(|r| r)
}

/// `GET /openapi.json`: the API as OpenAPI 3.1, for the methodologies served now.
async fn openapi(Shared(st): Shared<Arc<State>>) -> Response {
    let cat = st.catalogue();
    let ids: Vec<String> = cat.all().iter().map(|m| m.id().to_owned()).collect();
    with_type(
        super::openapi::document(&ids).into_bytes(),
        "application/json",
    )
}

/// `POST /v1/template`: the Excel form filled from a submission (its answers, evidence,
/// explanations and entries), for an office to go on with in Excel.
async fn template_from(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Response {
    let g = match given(&st, q, &headers, b, &[Format::Xlsx, Format::Json]) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let limits = st.config.limits;
    let done = work(&st, move || {
        with_submission(&g, limits, |m, s| {
            let mut t = crate::form::Template::new(g.lang);
            t.from = Some(s);
            crate::form::template(m, &t)
        })
        .map(|bytes| match bytes {
            Ok(bytes) => with_type(bytes, XLSX),
            Err(e) => problem::of_error(&e),
        })
    })
    .await;
    done.and_then(|r| r).unwrap_or_else(|r| r)
}
