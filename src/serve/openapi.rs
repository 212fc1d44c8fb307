//! `GET /openapi.json`: the API as OpenAPI 3.1, its bodies described by the same JSON Schemas
//! the crate generates from its types ([`crate::schema`]), so the description cannot drift
//! from what the server reads and writes.

use serde_json::{Map, Value, json};

/// The media type of an Excel workbook.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The OpenAPI document of a server serving these methodologies (their ids are the values a
/// `methodology` parameter takes), pretty JSON.
pub(super) fn document(ids: &[String]) -> String {
    let mut schemas = Map::new();
    for (name, title) in [
        ("submission", "Submission"),
        ("scorecard", "Scorecard"),
        ("stage", "Stage"),
        ("survey", "Survey"),
    ] {
        add_schema(&mut schemas, name, title);
    }
    for (name, schema) in own_schemas() {
        schemas.insert(name.to_owned(), schema);
    }
    let doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "par-index",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Vietnam's PAR Index scored exactly, explained and ranked. Bodies are the project's own formats; every failure is RFC 9457 problem details with every located problem.",
        },
        "paths": paths(ids),
        "components": {
            "schemas": schemas,
            "securitySchemes": { "token": { "type": "http", "scheme": "bearer" } },
        },
        "security": [ {}, { "token": [] } ],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// `{anyOf: [A…], properties: P, unevaluatedProperties: false}` (an answer: one measure and
/// the fields every answer has) written as `{anyOf: [A ∪ P closed…]}`: each alternative with
/// the shared fields and no other key. What the reader takes, in the words tools that know no
/// `unevaluatedProperties` read (an answer naming two measures is refused either way).
fn one_of_closed(o: &mut Map<String, Value>) {
    if !matches!(o.get("unevaluatedProperties"), Some(Value::Bool(false))) {
        return;
    }
    let Some(Value::Array(alternatives)) = o.get("anyOf") else {
        return;
    };
    let shared = match o.get("properties") {
        Some(Value::Object(p)) => p.clone(),
        _ => Map::new(),
    };
    let closed: Vec<Value> = alternatives
        .iter()
        .map(|alt| {
            let mut alt = alt.clone();
            if let Value::Object(a) = &mut alt {
                let props = a
                    .entry("properties")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(props) = props {
                    for (k, v) in &shared {
                        props.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
                a.insert("additionalProperties".into(), Value::Bool(false));
            }
            alt
        })
        .collect();
    o.remove("unevaluatedProperties");
    o.remove("properties");
    o.insert("anyOf".into(), Value::Array(closed));
}

/// A crate schema under `title`, its definitions beside it as `{title}.{Def}`, every
/// reference rewritten to its place among the components.
fn add_schema(schemas: &mut Map<String, Value>, name: &str, title: &str) {
    let Some(text) = crate::schema::json_schema(name) else {
        return;
    };
    let Ok(mut root) = serde_json::from_str::<Value>(&text) else {
        return;
    };
    let defs = root
        .as_object_mut()
        .and_then(|o| {
            o.remove("$schema");
            o.remove("$defs")
        })
        .and_then(|d| match d {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .unwrap_or_default();
    relink(&mut root, title);
    schemas.insert(title.to_owned(), root);
    for (def, mut schema) in defs {
        relink(&mut schema, title);
        schemas.insert(format!("{title}.{def}"), schema);
    }
}

/// `#/$defs/X` → `#/components/schemas/{title}.X`, everywhere in a schema; and an object
/// whose keys follow one pattern (`patternProperties` with no other key allowed) written as
/// the same constraint in the words more tools read (`propertyNames` and
/// `additionalProperties`).
fn relink(v: &mut Value, title: &str) {
    match v {
        Value::Object(o) => {
            if let Some(Value::String(r)) = o.get_mut("$ref")
                && let Some(def) = r.strip_prefix("#/$defs/")
            {
                *r = format!("#/components/schemas/{title}.{def}");
            }
            let one_pattern = matches!(o.get("additionalProperties"), Some(Value::Bool(false)))
                && matches!(o.get("patternProperties"), Some(Value::Object(p)) if p.len() == 1);
            if one_pattern
                && let Some(Value::Object(p)) = o.remove("patternProperties")
                && let Some((pattern, schema)) = p.into_iter().next()
            {
                o.insert("propertyNames".into(), json!({ "pattern": pattern }));
                o.insert("additionalProperties".into(), schema);
            }
            one_of_closed(o);
            o.values_mut().for_each(|x| relink(x, title));
        }
        Value::Array(a) => a.iter_mut().for_each(|x| relink(x, title)),
        _ => {}
    }
}

/// The schemas of the server's own answers.
fn own_schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "Problem",
            json!({
                "type": "object",
                "description": "One located problem of an input.",
                "required": ["kind", "field", "message"],
                "properties": {
                    "kind": { "type": "string" },
                    "file": { "type": "string" },
                    "line": { "type": "integer", "minimum": 1 },
                    "column": { "type": "integer", "minimum": 1 },
                    "cell": { "type": "string" },
                    "code": { "type": "string" },
                    "field": { "type": "string" },
                    "message": { "type": "string" },
                },
            }),
        ),
        (
            "ProblemDetails",
            json!({
                "type": "object",
                "description": "RFC 9457 problem details, with every located problem of the input.",
                "required": ["type", "title", "status", "detail", "problems"],
                "properties": {
                    "type": { "type": "string" },
                    "title": { "type": "string" },
                    "status": { "type": "integer" },
                    "detail": { "type": "string" },
                    "problems": { "type": "array", "items": { "$ref": "#/components/schemas/Problem" } },
                },
            }),
        ),
        (
            "MethodologySummary",
            json!({
                "type": "object",
                "required": ["id", "title", "level", "year", "sha256", "max", "areas", "items", "source"],
                "properties": {
                    "id": { "type": "string" },
                    "title": { "type": "object" },
                    "level": { "type": "string" },
                    "year": { "type": "integer" },
                    "sha256": { "type": "string" },
                    "max": { "type": "string" },
                    "areas": { "type": "integer" },
                    "items": { "type": "integer" },
                    "source": { "type": ["string", "null"] },
                },
            }),
        ),
        (
            "Validation",
            json!({
                "type": "object",
                "required": ["valid", "problems"],
                "properties": {
                    "valid": { "type": "boolean" },
                    "methodology": { "type": "string" },
                    "unit": { "type": "string" },
                    "problems": { "type": "array", "items": { "type": "object" } },
                },
            }),
        ),
        (
            "Verification",
            json!({
                "type": "object",
                "required": ["verified", "unit", "methodology", "checked", "mismatches", "notes"],
                "properties": {
                    "verified": { "type": "boolean" },
                    "unit": { "type": "string" },
                    "methodology": { "type": "string" },
                    "checked": { "type": "integer" },
                    "mismatches": { "type": "array", "items": { "type": "object" } },
                    "notes": { "type": "array", "items": { "type": "string" } },
                },
            }),
        ),
    ]
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// A query parameter.
fn param(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

/// A methodology this server serves: by id, or by its SHA-256 (64 hexadecimal digits).
fn methodology_schema(ids: &[String]) -> Value {
    json!({ "type": "string", "anyOf": [
        { "enum": ids },
        { "pattern": "^[0-9a-fA-F]{64}$" },
    ] })
}

fn common_params(ids: &[String]) -> Vec<Value> {
    vec![
        param(
            "lang",
            "The language of words: vi (default) or en; over Accept-Language.",
            json!({ "type": "string", "enum": ["vi", "en"] }),
        ),
        param(
            "methodology",
            "A methodology this server serves (its id, or its SHA-256 to pin the exact rules), instead of the one the submission names.",
            methodology_schema(ids),
        ),
    ]
}

fn format_param(formats: &[&str]) -> Value {
    param(
        "format",
        "The answer's format by name, over Accept.",
        json!({ "type": "string", "enum": formats }),
    )
}

/// The failures every route may answer.
fn failures(responses: &mut Map<String, Value>) {
    let problem = json!({
        "content": { "application/problem+json": { "schema": schema_ref("ProblemDetails") } }
    });
    for (status, what) in [
        (
            "400",
            "The input has problems (all listed), or a parameter is wrong.",
        ),
        (
            "401",
            "A token is configured and the request does not carry it.",
        ),
        ("404", "No such methodology or item."),
        ("406", "The route does not write the format asked for."),
        ("413", "The body is over the server's limit."),
        (
            "415",
            "The body is declared as something this route does not read.",
        ),
        (
            "503",
            "The server is full, or the request ran past its time (Retry-After).",
        ),
    ] {
        let mut r = problem.clone();
        if let Value::Object(o) = &mut r {
            o.insert("description".into(), Value::String(what.into()));
        }
        responses.insert(status.into(), r);
    }
}

/// An operation: summary, parameters, body, the answer's media types and the failures.
fn operation(summary: &str, params: Vec<Value>, body: Option<Value>, ok: Value) -> Value {
    let mut responses = Map::new();
    responses.insert("200".into(), ok);
    failures(&mut responses);
    let mut op = json!({ "summary": summary, "parameters": params, "responses": responses });
    if let (Some(b), Value::Object(o)) = (body, &mut op) {
        o.insert("requestBody".into(), b);
    }
    op
}

/// A submission body: JSON, or the filled Excel form.
fn submission_body() -> Value {
    json!({
        "required": true,
        "content": {
            "application/json": { "schema": schema_ref("Submission") },
            XLSX: { "schema": { "type": "string", "contentMediaType": XLSX } },
        }
    })
}

/// A self-assessment with its stage files and the survey file, as multipart parts.
fn staged_body() -> Value {
    json!({ "required": true, "content": { "multipart/form-data": { "schema": {
        "type": "object",
        "properties": {
            "files": { "type": "array", "description": "The self-assessment (JSON or a filled form) and its stage files.", "items": { "type": "string", "contentMediaType": "application/octet-stream" } },
            "survey": { "type": "string", "contentMediaType": "application/json" },
        },
    } } } })
}

/// An answer in these media types (`json` the schema of its JSON).
fn answer(json_schema: Value, others: &[&str]) -> Value {
    let mut content = Map::new();
    content.insert("application/json".into(), json!({ "schema": json_schema }));
    for m in others {
        content.insert((*m).into(), json!({ "schema": { "type": "string" } }));
    }
    json!({ "description": "The answer.", "content": content })
}

fn paths(ids: &[String]) -> Value {
    let reports = ["text/html", "text/markdown", "text/plain", XLSX];
    let words = ["text/html", "text/markdown", "text/plain"];
    let mut explain_params = common_params(ids);
    explain_params.push(json!({ "name": "code", "in": "query", "required": true, "description": "The item or area to explain.", "schema": { "type": "string" } }));
    explain_params.push(format_param(&["json", "html", "markdown", "text"]));
    let with_format = |formats: &[&str]| {
        let mut p = common_params(ids);
        p.push(format_param(formats));
        p
    };
    let text = |what: &str| json!({ "description": what, "content": { "text/plain": { "schema": { "type": "string" } } } });
    json!({
        "/healthz": { "get": { "summary": "Alive.", "security": [], "responses": { "200": text("ok") } } },
        "/readyz": { "get": { "summary": "Ready to serve.", "responses": { "200": text("ready") } } },
        "/metrics": { "get": { "summary": "Requests by route and status, latency, in flight (Prometheus text).", "responses": { "200": text("the metrics") } } },
        "/v1/methodologies": { "get": operation(
            "Every methodology served, in brief.", vec![], None,
            answer(json!({ "type": "array", "items": schema_ref("MethodologySummary") }), &[]),
        ) },
        "/v1/methodologies/{id}": { "get": operation(
            "One methodology in brief, or its TOML (format=toml or Accept: application/toml).",
            vec![
                json!({ "name": "id", "in": "path", "required": true, "description": "The methodology's id, or its SHA-256.", "schema": { "type": "string" } }),
                param("format", "toml for the methodology's file.", json!({ "type": "string", "enum": ["json", "toml"] })),
            ],
            None,
            answer(schema_ref("MethodologySummary"), &["application/toml"]),
        ) },
        "/v1/score": { "post": operation(
            "Score a submission: the scorecard as par-index score --format json writes it, or a page, Markdown, text or a workbook.",
            with_format(&["json", "html", "markdown", "text", "xlsx"]), Some(submission_body()),
            answer(schema_ref("Scorecard"), &reports),
        ) },
        "/v1/readiness": { "post": operation(
            "Check a submission before it is sent.",
            with_format(&["json", "html", "markdown", "text"]), Some(submission_body()),
            answer(json!({ "type": "object" }), &words),
        ) },
        "/v1/gaps": { "post": operation(
            "Where a submission loses points, by office and area, and how to win them back (many units: multipart, as /v1/rank).",
            with_format(&["json", "html", "markdown", "text", "xlsx"]), Some(submission_body()),
            answer(json!({ "type": "object" }), &reports),
        ) },
        "/v1/explain": { "post": operation(
            "How one item or area got its points.",
            explain_params, Some(submission_body()),
            answer(json!({ "type": "object" }), &words),
        ) },
        "/v1/validate": { "post": operation(
            "Whether a submission reads and checks: an answer either way.",
            common_params(ids), Some(submission_body()),
            answer(schema_ref("Validation"), &[]),
        ) },
        "/v1/verify": { "post": operation(
            "Recompute a scorecard and compare: a tampered one is an answer with its mismatches.",
            common_params(ids),
            Some(json!({ "required": true, "content": { "application/json": { "schema": schema_ref("Scorecard") } } })),
            answer(schema_ref("Verification"), &[]),
        ) },
        "/v1/template": { "get": operation(
            "The blank Excel form of a methodology for a unit.",
            vec![
                param("methodology", "The methodology, by id or SHA-256 (default: the embedded default).", methodology_schema(ids)),
                param("unit", "The unit's code.", json!({ "type": "string" })),
                param("name", "The unit's name.", json!({ "type": "string" })),
                param("period", "The period assessed.", json!({ "type": "string" })),
                param("lang", "The form's language.", json!({ "type": "string", "enum": ["vi", "en"] })),
            ],
            None,
            json!({ "description": "The form.", "content": { XLSX: { "schema": { "type": "string" } } } }),
        ), "post": operation(
            "The Excel form filled from a submission.",
            common_params(ids), Some(submission_body()),
            json!({ "description": "The filled form.", "content": { XLSX: { "schema": { "type": "string" } } } }),
        ) },
        "/v1/appraise": { "post": operation(
            "A self-assessment scored through its stage files (and the survey): every stage's scorecard, the staged report, or the appraisal's page or workbook.",
            with_format(&["json", "html", "markdown", "text", "xlsx"]),
            Some(staged_body()),
            answer(json!({ "type": "array", "items": schema_ref("Scorecard") }), &reports),
        ) },
        "/v1/diff": { "post": operation(
            "The appraisal minute: what changed from the self-assessment to the last stage.",
            with_format(&["markdown", "csv", "json", "xlsx"]),
            Some(staged_body()),
            answer(json!({ "type": "object" }), &["text/markdown", "text/csv", XLSX]),
        ) },
        "/v1/rank": { "post": operation(
            "Rank the files of a folder (or a zip of one) with their survey and roster.",
            with_format(&["json", "html", "markdown", "csv", "xlsx"]),
            Some(json!({ "required": true, "content": { "multipart/form-data": { "schema": {
                "type": "object",
                "properties": {
                    "files": { "type": "array", "items": { "type": "string", "contentMediaType": "application/octet-stream" } },
                    "survey": { "type": "string", "contentMediaType": "application/json" },
                    "roster": { "type": "string", "contentMediaType": "text/csv" },
                    "include_unlisted": { "type": "string", "description": "With a roster: rank units not on it in the whole list (any value)." },
                },
            } } } })),
            answer(json!({ "type": "object" }), &["text/html", "text/markdown", "text/csv", XLSX]),
        ) },
        "/v1/compare": { "post": operation(
            "This year's results against last year's (across merged units with a roster): one unit in full, or many by the change of their index.",
            {
                // Each result is scored against the methodology it names: no `methodology`.
                let mut p = with_format(&["json", "html", "markdown", "xlsx"]);
                p.retain(|p| p["name"] != "methodology");
                p.push(param("unit", "Compare only this unit (by code).", json!({ "type": "string" })));
                p
            },
            Some(json!({ "required": true, "content": { "multipart/form-data": { "schema": {
                "type": "object",
                "properties": {
                    "files": { "type": "array", "description": "This year's results: self-assessments (JSON or filled forms) with their stage files, or scorecards; or a zip of a folder.", "items": { "type": "string", "contentMediaType": "application/octet-stream" } },
                    "previous": { "type": "array", "description": "Last year's results, as `files`.", "items": { "type": "string", "contentMediaType": "application/octet-stream" } },
                    "survey": { "type": "string", "contentMediaType": "application/json" },
                    "previous_survey": { "type": "string", "contentMediaType": "application/json" },
                    "roster": { "type": "string", "description": "This year's roster, naming merged units' predecessors.", "contentMediaType": "text/csv" },
                    "map": { "type": "string", "description": "A code map (TOML): last year's item codes to this year's.", "contentMediaType": "application/toml" },
                },
                "required": ["files", "previous"],
            } } } })),
            answer(json!({ "type": "object" }), &["text/html", "text/markdown", XLSX]),
        ) },
    })
}
