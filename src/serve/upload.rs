//! Many files in one request (`multipart/form-data`: the files of a folder, or a zip of
//! one): `POST /v1/rank`; and the upload page at `/` for an officer with a browser, whose
//! forms post here and get the printable pages back.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Multipart, Query, State as Shared};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::routes::{Params, answer_of, lang, params, wanted, with_submission_bytes, work};
use super::{State, problem};
use crate::batch::{Inputs, Role};
use crate::model::text::Lang;
use crate::report::Format;
use crate::report::words::{Label, label};

/// The parts of a multipart body: each file with its field and role, and the form's plain
/// fields.
pub(super) struct Parts {
    files: Vec<Part>,
    fields: Vec<(String, String)>,
}

/// A file of a multipart body.
struct Part {
    /// The form field it came in (`files`, `survey`, `roster`, `previous`, …).
    field: String,
    /// Its file name.
    name: String,
    /// Its role by the field's name (`survey`, `previous_survey`, `roster`), else told apart
    /// by name and content.
    role: Role,
    bytes: Vec<u8>,
}

/// Read every part, each counted against the body limit (axum's) and the number of parts.
pub(super) async fn parts(mut m: Multipart) -> Result<Parts, Response> {
    const MAX_PARTS: usize = 20_000;
    let mut out = Parts {
        files: Vec::new(),
        fields: Vec::new(),
    };
    let mut count = 0usize;
    loop {
        let field = match m.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Ok(out),
            Err(e) => {
                let status = e.status();
                return Err(problem::answer(status, "bad-body", &e.body_text(), &[]));
            }
        };
        count = count.saturating_add(1);
        if count > MAX_PARTS {
            return Err(problem::bad_request(
                "too-many-parts",
                &format!("more than {MAX_PARTS} parts in one request"),
            ));
        }
        let name = field.name().unwrap_or("").to_owned();
        let file = field.file_name().map(str::to_owned);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| problem::answer(e.status(), "bad-body", &e.body_text(), &[]))?;
        match file {
            // A file input left empty by a browser: no name, no bytes.
            Some(f) if f.is_empty() && bytes.is_empty() => {}
            Some(f) => {
                let role = match name.as_str() {
                    "survey" | "previous_survey" => Role::Survey,
                    "roster" => Role::Roster,
                    _ => Role::Any,
                };
                out.files.push(Part {
                    field: name,
                    name: f,
                    role,
                    bytes: bytes.to_vec(),
                });
            }
            None => out
                .fields
                .push((name, String::from_utf8_lossy(&bytes).into_owned())),
        }
    }
}

impl Parts {
    /// The files of the parts `pick` keeps as a batch, each logged by its SHA-256 and size
    /// (never its content) and named `prefix` + its file name.
    fn inputs(
        &self,
        mut inputs: Inputs,
        prefix: &str,
        pick: impl Fn(&Part) -> bool,
    ) -> Result<Inputs, Response> {
        for p in self.files.iter().filter(|p| pick(p)) {
            tracing::info!(
                input = %crate::model::canonical::sha256_hex(&p.bytes),
                bytes = p.bytes.len(),
                "input"
            );
            inputs
                .add(&format!("{prefix}{}", p.name), p.role, &p.bytes)
                .map_err(|e| problem::of_error(&e))?;
        }
        Ok(inputs)
    }

    /// Every file, added to `inputs`.
    fn all(&self, inputs: Inputs) -> Result<Inputs, Response> {
        self.inputs(inputs, "", |_| true)
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, v)| n == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }
}

/// A multipart body, or why it could not be taken.
type MultipartBody = Result<Multipart, axum::extract::multipart::MultipartRejection>;

/// What a request of many files asked for: its parameters, language and format, and its
/// parts.
struct Asked {
    p: Params,
    lang: Lang,
    format: Format,
    parts: Parts,
}

/// The parameters, language and format (one of `formats`, else `default`) of a request of
/// many files, and its parts; or the problem with it.
async fn asked(
    q: Result<Query<Params>, QueryRejection>,
    headers: &HeaderMap,
    m: MultipartBody,
    formats: &[Format],
    default: Format,
) -> Result<Asked, Response> {
    let p = params(q)?;
    let lang = lang(&p, headers)?;
    let format = wanted(&p, headers, formats, default)?;
    let m = m.map_err(|e| problem::answer(e.status(), "bad-body", &e.body_text(), &[]))?;
    let parts = parts(m).await?;
    Ok(Asked {
        p,
        lang,
        format,
        parts,
    })
}

/// A request of many files answered off the async threads: what it asked (or the problem
/// with it), then `f` with the catalogue and limits as they are now; `f`'s problem or
/// answer, or the server's (busy, timed out).
async fn answered(
    st: &Arc<State>,
    q: Result<Query<Params>, QueryRejection>,
    headers: &HeaderMap,
    m: MultipartBody,
    (formats, default): (&[Format], Format),
    f: impl FnOnce(Asked, &super::Catalogue, crate::Limits) -> Result<Response, Response>
    + Send
    + 'static,
) -> Response {
    let a = match asked(q, headers, m, formats, default).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let limits = st.config.limits;
    let cat = st.catalogue();
    work(st, move || f(a, &cat, limits))
        .await
        .and_then(|r| r)
        .unwrap_or_else(|r| r)
}

/// What the page's forms post: the page's language (`lang=`, else Vietnamese) and the parts.
async fn posted(
    q: Result<Query<Params>, QueryRejection>,
    m: MultipartBody,
) -> Result<(Lang, Parts), Response> {
    let l = page_lang(&params(q)?)?;
    let m = m.map_err(|e| problem::answer(e.status(), "bad-body", &e.body_text(), &[]))?;
    Ok((l, parts(m).await?))
}

/// `POST /v1/rank` (multipart): self-assessments (JSON or filled forms), stage files, a
/// survey file and a roster, or a zip of a folder of them; the ranking (by the roster's
/// blocks when there is one) as JSON, HTML, Markdown, CSV or a workbook.
pub(super) async fn rank(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    m: MultipartBody,
) -> Response {
    let formats = [
        Format::Json,
        Format::Html,
        Format::Markdown,
        Format::Csv,
        Format::Xlsx,
    ];
    let a = match asked(q, &headers, m, &formats, Format::Json).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    ranked(&st, a.parts, a.lang, a.format, a.p.methodology).await
}

/// A batch within the server's limits, every self-assessment scored against `methodology`
/// when one is asked for (a methodology this server serves, else 404).
fn batch(
    cat: &super::Catalogue,
    limits: crate::Limits,
    methodology: Option<&str>,
) -> Result<Inputs, Response> {
    let inputs = Inputs::new(limits);
    match methodology {
        None => Ok(inputs),
        Some(id) => Ok(inputs.against(super::routes::served(cat, id)?.id())),
    }
}

/// Rank the files of a request and render the ranking; against one methodology when one is
/// asked for (without a roster: with one, each unit is scored against the one it names).
async fn ranked(
    st: &Arc<State>,
    parts: Parts,
    lang: Lang,
    format: Format,
    methodology: Option<String>,
) -> Response {
    let limits = st.config.limits;
    let cat = st.catalogue();
    let include_unlisted = parts.field("include_unlisted").is_some();
    let done = work(st, move || {
        let inputs = match batch(&cat, limits, methodology.as_deref())
            .and_then(|i| parts.all(i))
        {
            Ok(i) => i,
            Err(r) => return r,
        };
        if methodology.is_some() && inputs.roster.is_some() {
            return problem::bad_request(
                "bad-parameter",
                "with a roster each unit is scored against the methodology it names: `methodology` is for a ranking without one",
            );
        }
        let ranked = match inputs.rank(&cat.sets, include_unlisted) {
            Ok(r) => r,
            Err(e) => return problem::of_error(&e),
        };
        match (&ranked.blocks, ranked.rankings.as_slice()) {
            (Some(_), _) if format == Format::Csv => {
                problem::bad_request("not-acceptable", "a ranking by roster is written as JSON, HTML, Markdown or a workbook, not CSV")
            }
            (Some(blocks), _) => answer_of(crate::report::render(blocks, format, lang), format),
            (None, [one]) => answer_of(crate::report::render(one, format, lang), format),
            (None, _) => problem::bad_request(
                "several-methodologies",
                "the units are scored under several methodologies: give a roster to rank them by block",
            ),
        }
    })
    .await;
    done.unwrap_or_else(|r| r)
}

/// `GET /`: the upload page, in Vietnamese (`?lang=en` in English): score one self-assessment
/// (a filled form or JSON), rank many, or download a blank form.
pub(super) async fn page(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
) -> Response {
    // The page is Vietnamese unless `?lang=en` asks otherwise (not by the browser's
    // languages: an office's browser may be set to English).
    let l = match params(q).and_then(|p| page_lang(&p)) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let cat = st.catalogue();
    let options: String = cat
        .all()
        .iter()
        .map(|m| {
            format!(
                "<option value=\"{id}\">{id} — {title}</option>",
                id = esc(m.id()),
                title = esc(m.title().get(l))
            )
        })
        .collect();
    let w = |x: Label| label(x, l);
    let lang_code = if l == Lang::Vi { "vi" } else { "en" };
    let body = format!(
        r#"<!DOCTYPE html>
<html lang="{lang_code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>par-index</title>
<style>
body {{ font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; margin: 24px auto; max-width: 760px; color: #1f2937; line-height: 1.5; }}
h1 {{ font-size: 22px; }} h2 {{ font-size: 17px; margin-top: 28px; border-bottom: 2px solid #e5eaf5; }}
form {{ margin: 8px 0 16px; }} label {{ display: block; margin: 6px 0; }}
button {{ padding: 6px 14px; }} .meta {{ color: #6b7280; font-size: 13px; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="meta">{lead} · <a href="?lang={other}">{other_name}</a></p>
<h2>{one}</h2>
<form method="post" action="/ui/score?lang={lang_code}" enctype="multipart/form-data">
<label>{file_label} <input type="file" name="file" accept=".xlsx,.json" required></label>
<label>{methodology_label} <select name="methodology"><option value="">{named}</option>{options}</select></label>
<button type="submit">{score}</button>
</form>
<h2>{many}</h2>
<form method="post" action="/ui/rank?lang={lang_code}" enctype="multipart/form-data">
<label>{files_label} <input type="file" name="files" accept=".xlsx,.json,.zip" multiple required></label>
<label>{survey_label} <input type="file" name="survey" accept=".json"></label>
<label>{roster_label} <input type="file" name="roster" accept=".csv,.toml"></label>
<button type="submit">{rank}</button>
</form>
<h2>{blank}</h2>
<form method="get" action="/v1/template">
<input type="hidden" name="lang" value="{lang_code}">
<label>{methodology_label} <select name="methodology">{options}</select></label>
<label>{unit_label} <input name="unit" placeholder="NG-01"></label>
<label>{name_label} <input name="name"></label>
<button type="submit">{download}</button>
</form>
<p class="meta">par-index {version}</p>
</body>
</html>
"#,
        title = w(Label::UploadTitle),
        lead = w(Label::UploadLead),
        other = if l == Lang::Vi { "en" } else { "vi" },
        other_name = w(Label::OtherLanguage),
        one = w(Label::UploadOne),
        file_label = w(Label::UploadFile),
        methodology_label = w(Label::UploadMethodology),
        named = w(Label::UploadAsNamed),
        score = w(Label::UploadScore),
        many = w(Label::UploadMany),
        files_label = w(Label::UploadFiles),
        survey_label = w(Label::UploadSurvey),
        roster_label = w(Label::UploadRoster),
        rank = w(Label::UploadRank),
        blank = w(Label::UploadBlank),
        unit_label = w(Label::UploadUnitCode),
        name_label = w(Label::UploadUnitName),
        download = w(Label::UploadDownload),
        version = env!("CARGO_PKG_VERSION"),
    );
    html(body)
}

/// `POST /ui/score` (the page's form): one file scored, the printable scorecard back.
pub(super) async fn ui_score(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    m: MultipartBody,
) -> Response {
    // The page is Vietnamese unless `?lang=en` asks otherwise (not by the browser's
    // languages: an office's browser may be set to English).
    let (l, parts) = match posted(q, m).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(Part { name, bytes, .. }) = parts.files.first() else {
        return problem::bad_request("bad-body", "no file was uploaded");
    };
    let methodology = parts.field("methodology").map(str::to_owned);
    let (name, bytes) = (name.clone(), bytes.clone());
    let limits = st.config.limits;
    let cat = st.catalogue();
    let done = work(&st, move || {
        with_submission_bytes(
            &cat,
            methodology.as_deref(),
            &bytes,
            &name,
            limits,
            |m, s| {
                let card = crate::score(m, s)?;
                crate::report::render(&card, Format::Html, l)
            },
        )
        .map(|out| answer_of(out, Format::Html))
    })
    .await;
    done.and_then(|r| r).unwrap_or_else(|r| r)
}

/// `POST /ui/rank` (the page's form): many files ranked, the printable ranking back.
pub(super) async fn ui_rank(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    m: MultipartBody,
) -> Response {
    // The page is Vietnamese unless `?lang=en` asks otherwise (not by the browser's
    // languages: an office's browser may be set to English).
    let (l, parts) = match posted(q, m).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    ranked(&st, parts, l, Format::Html, None).await
}

/// The page's language: `lang=`, else Vietnamese.
fn page_lang(p: &Params) -> Result<Lang, Response> {
    lang(p, &HeaderMap::new())
}

fn html(body: String) -> Response {
    let mut r = body.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The self-assessment of a staged request, its stages in the one order and the survey file,
/// scored through every stage.
fn staged(
    cat: &super::Catalogue,
    id: Option<&str>,
    parts: &Parts,
    limits: crate::Limits,
) -> Result<Vec<crate::appraisal::StageCard>, Response> {
    let inputs = parts.all(Inputs::new(limits))?;
    let [(name, sub)] = inputs.submissions.as_slice() else {
        return Err(problem::bad_request(
            "bad-body",
            &format!(
                "one self-assessment and its stage files, not {} self-assessments",
                inputs.submissions.len()
            ),
        ));
    };
    let m = super::routes::served(cat, id.unwrap_or(&sub.methodology))?;
    let stages =
        crate::appraisal::order_stages(inputs.stages.clone()).map_err(|e| problem::of_error(&e))?;
    let stages: Vec<crate::Stage> = stages.into_iter().map(|(_, s)| s).collect();
    crate::appraisal::score_stages(m, sub, &stages, inputs.survey.as_ref())
        .map_err(|e| problem::of_error(&e.in_file(name)))
}

/// `POST /v1/appraise` (multipart): a self-assessment with its stage files and the survey
/// file, scored through every stage: every stage's scorecard (JSON, as `par-index appraise
/// --format json`), the staged report (Markdown, text) or the appraisal's page or workbook.
pub(super) async fn appraise(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    m: MultipartBody,
) -> Response {
    let formats = [
        Format::Json,
        Format::Html,
        Format::Markdown,
        Format::Text,
        Format::Xlsx,
    ];
    answered(
        &st,
        q,
        &headers,
        m,
        (&formats, Format::Json),
        |a, cat, limits| {
            let (lang, format) = (a.lang, a.format);
            let cards = staged(cat, a.p.methodology.as_deref(), &a.parts, limits)?;
            let doc = || crate::report::stages_document(&cards, lang);
            Ok(match format {
                Format::Html => answer_of(
                    Ok(crate::report::Output::Text(crate::report::out::to_html(
                        &doc(),
                    ))),
                    format,
                ),
                Format::Xlsx => answer_of(
                    crate::report::out::to_xlsx(&doc()).map(crate::report::Output::Bytes),
                    format,
                ),
                other => answer_of(
                    Ok(crate::report::Output::Text(crate::report::render_stages(
                        &cards, other, lang,
                    ))),
                    other,
                ),
            })
        },
    )
    .await
}

/// `POST /v1/diff` (multipart, as `/v1/appraise`): the appraisal minute, what changed from
/// the self-assessment to the last stage, as Markdown, CSV, JSON or a workbook.
pub(super) async fn diff(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    m: MultipartBody,
) -> Response {
    let formats = [Format::Markdown, Format::Csv, Format::Json, Format::Xlsx];
    answered(
        &st,
        q,
        &headers,
        m,
        (&formats, Format::Markdown),
        |a, cat, limits| {
            let lang = a.lang;
            let cards = staged(cat, a.p.methodology.as_deref(), &a.parts, limits)?;
            let (Some(first), Some(last)) = (cards.first(), cards.last()) else {
                return Err(problem::internal());
            };
            let d = crate::appraisal::diff(&first.card, &last.card);
            let (from, to) = (
                crate::report::words::stage_label(&first.stage, lang),
                crate::report::words::stage_label(&last.stage, lang),
            );
            Ok(answer_of(
                crate::report::render(&d.minute(&from, &to), a.format, lang),
                a.format,
            ))
        },
    )
    .await
}

/// `POST /v1/gaps` with many files (multipart, as `/v1/rank`): where the units lose points
/// together, by office and by item.
pub(super) async fn batch_gaps(
    st: Arc<State>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    m: MultipartBody,
) -> Response {
    let formats = [
        Format::Json,
        Format::Html,
        Format::Markdown,
        Format::Text,
        Format::Xlsx,
    ];
    answered(
        &st,
        q,
        &headers,
        m,
        (&formats, Format::Json),
        |a, cat, limits| {
            let inputs = a
                .parts
                .all(batch(cat, limits, a.p.methodology.as_deref())?)?;
            let cards = inputs
                .scored(&cat.sets)
                .map_err(|e| problem::of_error(&e))?;
            Ok(answer_of(
                crate::report::render(&crate::analysis::batch_gaps(&cards), a.format, a.lang),
                a.format,
            ))
        },
    )
    .await
}

/// `POST /v1/compare` (multipart): this year's results (`files`: self-assessments with their
/// stage files, or scorecards; a zip of a folder), the `survey`, a `roster` of merged units,
/// a code `map`, and last year's results (`previous`, with `previous_survey`); the year over
/// year comparison as `par-index compare` writes it (of one unit in full, of many ordered by
/// the change), JSON, HTML, Markdown or a workbook; `unit=` compares only that unit.
pub(super) async fn compare(
    Shared(st): Shared<Arc<State>>,
    q: Result<Query<Params>, QueryRejection>,
    headers: HeaderMap,
    m: MultipartBody,
) -> Response {
    let formats = [Format::Json, Format::Html, Format::Markdown, Format::Xlsx];
    answered(&st, q, &headers, m, (&formats, Format::Json), |a, cat, limits| {
        let Asked {
            p,
            lang,
            format,
            parts,
        } = a;
        let last_year = |p: &Part| p.field == "previous" || p.field == "previous_survey";
        if p.methodology.is_some() {
            return Err(problem::bad_request(
                "bad-parameter",
                "a comparison takes no `methodology`: each result is scored against the methodology it names",
            ));
        }
        let now = parts.inputs(Inputs::new(limits), "", |p| {
            !last_year(p) && p.field != "map"
        })?;
        let before = parts.inputs(Inputs::new(limits), "previous/", last_year)?;
        let maps: Vec<&Part> = parts.files.iter().filter(|p| p.field == "map").collect();
        let map = match maps.as_slice() {
            [] => None,
            [one] => Some((
                one.name.as_str(),
                std::str::from_utf8(&one.bytes).map_err(|e| {
                    problem::bad_request(
                        "bad-body",
                        &format!(
                            "{}: not UTF-8 text: invalid at byte {}",
                            crate::model::text::printable(&one.name),
                            e.valid_up_to()
                        ),
                    )
                })?,
            )),
            _ => {
                return Err(problem::bad_request(
                    "bad-body",
                    "more than one code map: a comparison takes one",
                ));
            }
        };
        if before.submissions.is_empty() && before.results.is_empty() {
            return Err(problem::bad_request(
                "bad-body",
                "no result of last year: give them as `previous` files (scorecards, or self-assessments with their stage files)",
            ));
        }
        let compared = now
            .compare(&before, map, p.unit.as_deref(), &cat.sets)
            .map_err(|e| problem::of_error(&e))?;
        Ok(answer_of(
            crate::report::render(&compared, format, lang),
            format,
        ))
    })
    .await
}
