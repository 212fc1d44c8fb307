//! `par-index serve` (issue 25): the real binary started on an ephemeral loopback port, spoken
//! to over HTTP/1.1 by a plain client: answers equal to the command line's, every problem of
//! a bad input, the limits, the token, the formats, and a graceful stop.
#![cfg(feature = "serve")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

mod cdp;

const BIN: &str = env!("CARGO_BIN_EXE_par-index");
const JSON: &str = "application/json";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A server of the real binary, stopped (SIGTERM) when dropped; its log kept.
struct Server {
    child: Child,
    addr: String,
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        // The first line names the address bound (at most a few lines of warnings first).
        let addr = loop {
            line.clear();
            assert!(
                err.read_line(&mut line).unwrap() > 0,
                "the server did not start"
            );
            if let Some(a) = line.trim().strip_prefix("par-index serving on http://") {
                break a.to_owned();
            }
        };
        // Keep reading its log so that the pipe never fills, and keep it.
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let kept = log.clone();
        std::thread::spawn(move || {
            let mut line = String::new();
            while err.read_line(&mut line).unwrap_or(0) > 0 {
                kept.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        Server { child, addr, log }
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nhost: {}\r\nconnection: close\r\ncontent-length: {}\r\n",
            self.addr,
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        s.write_all(head.as_bytes()).unwrap();
        // A body over the server's limit may be answered before it is all sent.
        let _ = s.write_all(body);
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        Answer::parse(&raw)
    }

    fn post(&self, path: &str, content_type: &str, body: &[u8]) -> Answer {
        self.request("POST", path, &[("content-type", content_type)], body)
    }

    fn get(&self, path: &str) -> Answer {
        self.request("GET", path, &[], b"")
    }

    /// SIGTERM, then the exit status.
    fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        let status = self.child.wait().unwrap();
        std::mem::forget(self);
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn parse(raw: &[u8]) -> Answer {
        let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = std::str::from_utf8(&raw[..end]).unwrap();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .map(|l| {
                let (k, v) = l.split_once(':').unwrap();
                (k.trim().to_ascii_lowercase(), v.trim().to_owned())
            })
            .collect();
        let mut body = raw[end + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v == "chunked")
        {
            body = unchunk(&body);
        }
        Answer {
            status,
            headers,
            body,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[end + 2..end + 2 + size]);
        b = &b[end + 4 + size..];
    }
}

/// What the command line prints for these arguments.
fn cli(args: &[&str]) -> Vec<u8> {
    let o = Command::new(BIN).args(args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}

/// The scorecard of every bundled sample, and of a filled form, is byte for byte what
/// `par-index score --format json` prints.
#[test]
fn a_score_is_the_command_line_s_byte_for_byte() {
    let s = Server::start(&[]);
    let mut files: Vec<String> = std::fs::read_dir("examples/data")
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    files.push("examples/data/district/NG-04.json".into());
    for f in &files {
        let a = s.post("/v1/score", JSON, &std::fs::read(f).unwrap());
        assert_eq!(a.status, 200, "{f}: {}", a.text());
        assert_eq!(a.header("content-type"), Some(JSON));
        assert_eq!(a.body, cli(&["score", f, "--format", "json"]), "{f}");
    }
    for f in [
        "examples/data/district-xlsx/NG-01.xlsx",
        "examples/data/district-xlsx/NG-07.xlsx",
    ] {
        let a = s.post("/v1/score", XLSX, &std::fs::read(f).unwrap());
        assert_eq!(a.status, 200, "{f}: {}", a.text());
        assert_eq!(a.body, cli(&["score", f, "--format", "json"]), "{f}");
    }
    assert!(s.stop().success());
}

/// Every bad submission of `tests/bad` is answered 400 with RFC 9457 problem details that
/// carry the problems the library (and so the command line) finds, each with its place.
#[test]
fn every_bad_submission_gets_its_problems() {
    let s = Server::start(&[]);
    let mut seen = 0;
    for e in std::fs::read_dir("tests/bad/submissions").unwrap() {
        let path = e.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let expected =
            par_index::Options::new().check_submission_bytes(&bytes, "request body", &[]);
        let a = s.post("/v1/score", JSON, &bytes);
        let shown = path.display();
        let Err(err) = expected.outcome else {
            // A file that reads and checks (its trouble is elsewhere): scored, or refused
            // by the scoring itself.
            assert!(a.status == 200 || a.status == 400, "{shown}: {}", a.status);
            continue;
        };
        assert_eq!(a.status, 400, "{shown}: {}", a.text());
        assert_eq!(
            a.header("content-type"),
            Some("application/problem+json"),
            "{shown}"
        );
        let got = a.json();
        assert_eq!(got["status"], 400);
        assert!(got["type"].as_str().unwrap().ends_with("/invalid-input"));
        let want = serde_json::to_value(err.problems()).unwrap();
        assert_eq!(got["problems"], want, "{shown}");
        assert!(!err.problems().is_empty(), "{shown}");
        seen += 1;
    }
    assert!(seen >= 50, "{seen}");
    drop(s);
}

/// The limits and the wrong requests: each its status and a problem, never a 500.
#[test]
fn wrong_requests_get_their_status() {
    let s = Server::start(&["--max-body", "2000"]);
    let sample = std::fs::read("examples/data/xa-dong-tam.json").unwrap();
    // Over the body limit: 413.
    let a = s.post("/v1/score", JSON, &sample);
    assert_eq!(a.status, 413, "{}", a.text());
    assert!(a.json()["type"].as_str().unwrap().ends_with("/too-large"));
    drop(s);
    let s = Server::start(&[]);
    // A body declared as something else: 415.
    let a = s.post("/v1/score", "text/plain", &sample);
    assert_eq!(a.status, 415);
    // An answer in a format the route does not write: 406.
    let a = s.request(
        "POST",
        "/v1/score",
        &[("content-type", JSON), ("accept", "image/png")],
        &sample,
    );
    assert_eq!(a.status, 406);
    // A methodology this server does not have: 404; an unknown parameter: 400.
    let a = s.post("/v1/score?methodology=nope", JSON, &sample);
    assert_eq!(a.status, 404);
    // A methodology by its SHA-256 (the exact rules pinned): as by its id; a hash of no set
    // served: 404.
    let sha = par_index::catalog::get("commune-2024-model")
        .unwrap()
        .sha256()
        .to_owned();
    let by_hash = s.post(&format!("/v1/score?methodology={sha}"), JSON, &sample);
    assert_eq!(by_hash.status, 200, "{}", by_hash.text());
    assert_eq!(
        by_hash.body,
        s.post("/v1/score?methodology=commune-2024-model", JSON, &sample)
            .body
    );
    let one = s.get(&format!("/v1/methodologies/{}", sha.to_uppercase()));
    assert_eq!(one.json()["id"], "commune-2024-model");
    let a = s.post(
        &format!("/v1/score?methodology={}", "0".repeat(64)),
        JSON,
        &sample,
    );
    assert_eq!(a.status, 404);
    let a = s.post("/v1/score?colour=blue", JSON, &sample);
    assert_eq!(a.status, 400, "{}", a.text());
    assert!(a.text().contains("colour"));
    // Not JSON, not a form.
    let a = s.post("/v1/score", JSON, b"\xff\xfe not text");
    assert_eq!(a.status, 400);
    // No such route: 404 as a problem.
    let a = s.get("/v2/score");
    assert_eq!(a.status, 404);
    assert_eq!(a.header("content-type"), Some("application/problem+json"));
    // Every answer carries a request id.
    assert!(a.header("x-request-id").is_some());
    drop(s);
}

/// With a token, every route but `/healthz` needs it.
#[test]
fn a_token_guards_every_route_but_health() {
    let dir = std::env::temp_dir().join(format!("par-index-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let token = dir.join("token");
    std::fs::write(&token, "s3cret\n").unwrap();
    let s = Server::start(&["--token-file", token.to_str().unwrap()]);
    assert_eq!(s.get("/healthz").status, 200);
    let a = s.get("/v1/methodologies");
    assert_eq!(a.status, 401);
    assert_eq!(a.header("www-authenticate"), Some("Bearer"));
    let a = s.request(
        "GET",
        "/v1/methodologies",
        &[("authorization", "Bearer wrong!")],
        b"",
    );
    assert_eq!(a.status, 401);
    let a = s.request(
        "GET",
        "/v1/methodologies",
        &[("authorization", "Bearer s3cret")],
        b"",
    );
    assert_eq!(a.status, 200);
    drop(s);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The other routes answer what the library says: methodologies (and their TOML), readiness,
/// gaps, an explanation, validation, verification (a tampered scorecard is an answer), the
/// form, and HTML and Markdown by `Accept`.
#[test]
fn every_route_answers_what_the_library_says() {
    use par_index::report::{Format, render};
    use par_index::{Lang, catalog};
    let s = Server::start(&[]);
    let sample = std::fs::read("examples/data/xa-dong-tam.json").unwrap();
    let card = catalog::sample_scorecard();

    let list = s.get("/v1/methodologies").json();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, catalog::ids().collect::<Vec<_>>());
    let a = s.get("/v1/methodologies/commune-2024-model?format=toml");
    assert_eq!(a.header("content-type"), Some("application/toml"));
    assert_eq!(a.text(), catalog::source("commune-2024-model").unwrap());
    assert_eq!(
        s.get("/v1/methodologies/commune-2024-model").json()["items"],
        54
    );
    assert_eq!(s.get("/v1/methodologies/nope").status, 404);

    // Readiness: the sample is ready (JSON), in words in English by Accept-Language.
    let a = s.post("/v1/readiness", JSON, &sample);
    assert_eq!(a.json()["index"], "95.29");
    let a = s.request(
        "POST",
        "/v1/readiness",
        &[
            ("content-type", JSON),
            ("accept", "text/plain"),
            ("accept-language", "en-GB,vi;q=0.5"),
        ],
        &sample,
    );
    assert!(a.text().contains("Ready to send."), "{}", a.text());

    // Gaps as Markdown: what the library renders. The sample loses 2.47 + 3.24 = 5.71.
    let a = s.request(
        "POST",
        "/v1/gaps",
        &[("content-type", JSON), ("accept", "text/markdown")],
        &sample,
    );
    let want = render(
        &par_index::analysis::gaps(&card),
        Format::Markdown,
        Lang::Vi,
    )
    .unwrap();
    assert_eq!(a.text(), want.as_text().unwrap());
    assert!(a.text().contains("5,71"));

    // An explanation: the node as JSON, the words as text; an unknown code 404.
    let a = s.post("/v1/explain?code=3.4.2", JSON, &sample);
    assert_eq!(a.json()["code"], "3.4.2");
    let a = s.request(
        "POST",
        "/v1/explain?code=3.4.2&lang=en",
        &[("content-type", JSON), ("accept", "text/plain")],
        &sample,
    );
    assert_eq!(
        a.text(),
        par_index::report::explain(&card, &"3.4.2".parse().unwrap(), Lang::En).unwrap()
    );
    assert_eq!(s.post("/v1/explain?code=9.9", JSON, &sample).status, 404);
    assert_eq!(s.post("/v1/explain", JSON, &sample).status, 400);

    // Validation is an answer either way.
    let a = s.post("/v1/validate", JSON, &sample);
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["valid"], true);
    let a = s.post(
        "/v1/validate",
        JSON,
        br#"{"methodology": "commune-2024-model"}"#,
    );
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["valid"], false);
    assert!(!a.json()["problems"].as_array().unwrap().is_empty());

    // Verification: the scorecard verifies; edited by hand, it does not (and that is a 200).
    let json = card.to_json();
    let a = s.post("/v1/verify", JSON, json.as_bytes());
    assert_eq!(a.json()["verified"], true, "{}", a.text());
    let forged = json.replacen("\"index\": \"95.29\"", "\"index\": \"99.29\"", 1);
    assert_ne!(forged, json);
    let a = s.post("/v1/verify", JSON, forged.as_bytes());
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["verified"], false);
    assert!(
        a.json()["mismatches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["field"] == "index")
    );

    // The blank form for a unit, and it reads back as a form.
    let a = s.get("/v1/template?methodology=commune-2025-model&unit=HP-X99&name=X%C3%A3%20M%E1%BB%9Bi&period=2025");
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.header("content-type"), Some(XLSX));
    assert_eq!(&a.body[..2], b"PK");

    // The scorecard as a page and as a workbook.
    let a = s.request(
        "POST",
        "/v1/score",
        &[("content-type", JSON), ("accept", "text/html")],
        &sample,
    );
    assert!(a.text().starts_with("<!DOCTYPE html>") && a.text().contains("Xã Đồng Tâm"));
    let a = s.request(
        "POST",
        "/v1/score?format=xlsx",
        &[("content-type", JSON)],
        &sample,
    );
    assert_eq!(&a.body[..2], b"PK");
    drop(s);
}

/// Many requests at once, bounded: every one is answered 200 or 503 with `Retry-After`,
/// never anything else.
#[test]
fn many_requests_at_once_are_answered_or_turned_away() {
    let s = std::sync::Arc::new(Server::start(&["--concurrency", "1", "--queue", "1"]));
    let sample = std::sync::Arc::new(std::fs::read("examples/data/xa-dong-tam.json").unwrap());
    let handles: Vec<_> = (0..16)
        .map(|_| {
            let (s, sample) = (s.clone(), sample.clone());
            std::thread::spawn(move || {
                let a = s.post("/v1/score", JSON, &sample);
                (a.status, a.header("retry-after").map(str::to_owned))
            })
        })
        .collect();
    let mut ok = 0;
    for h in handles {
        match h.join().unwrap() {
            (200, _) => ok += 1,
            (503, Some(_)) => {}
            other => panic!("{other:?}"),
        }
    }
    assert!(ok >= 1);
}

/// A methodology folder with a bad file: the server refuses to start and names the file.
#[test]
fn a_bad_methodology_folder_stops_the_start() {
    let dir = std::env::temp_dir().join(format!("par-index-serve-m-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("broken.toml"), "id = 1\n").unwrap();
    let o = Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--methodologies",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.toml"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A `multipart/form-data` body of these parts (field, file name or none, bytes), and its
/// content type.
fn multipart(parts: &[(&str, Option<&str>, Vec<u8>)]) -> (String, Vec<u8>) {
    let boundary = "par-index-test-boundary-7d1";
    let mut body = Vec::new();
    for (field, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!(
                    "content-disposition: form-data; name=\"{field}\"; filename=\"{f}\"\r\ncontent-type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("content-disposition: form-data; name=\"{field}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// `POST /v1/rank`: the files of a folder (or a zip of it) ranked as `par-index rank` ranks
/// the folder: the district with its survey, and the province by its roster from a zip.
#[test]
fn a_ranking_of_uploaded_files_is_the_command_line_s() {
    let s = Server::start(&[]);
    let d = "examples/data/district";
    let mut parts: Vec<(&str, Option<&str>, Vec<u8>)> = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("NG-") && n.ends_with(".json"))
        .collect();
    names.sort();
    let files: Vec<(String, Vec<u8>)> = names
        .iter()
        .map(|n| (n.clone(), std::fs::read(format!("{d}/{n}")).unwrap()))
        .collect();
    for (n, b) in &files {
        parts.push(("files", Some(n.as_str()), b.clone()));
    }
    parts.push((
        "survey",
        Some("survey.json"),
        std::fs::read(format!("{d}/survey.json")).unwrap(),
    ));
    let (ct, body) = multipart(&parts);
    let a = s.request(
        "POST",
        "/v1/rank",
        &[("content-type", &ct), ("accept", "text/markdown")],
        &body,
    );
    assert_eq!(a.status, 200, "{}", a.text());
    // The self-assessments only (no stage files here): as the command line ranks them.
    let dir = std::env::temp_dir().join(format!("par-index-rank-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (n, b) in &files {
        std::fs::write(dir.join(n), b).unwrap();
    }
    let want = cli(&[
        "rank",
        dir.to_str().unwrap(),
        "--survey",
        &format!("{d}/survey.json"),
    ]);
    assert_eq!(a.text(), String::from_utf8(want).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();

    // The province zipped, its survey and roster inside: by block, as the command line.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let p = "examples/data/province";
    for e in std::fs::read_dir(format!("{p}/2025")).unwrap() {
        let path = e.unwrap().path();
        let name = format!("2025/{}", path.file_name().unwrap().to_string_lossy());
        zip.start_file(name, opts).unwrap();
        zip.write_all(&std::fs::read(&path).unwrap()).unwrap();
    }
    zip.start_file("roster.csv", opts).unwrap();
    zip.write_all(&std::fs::read(format!("{p}/roster.csv")).unwrap())
        .unwrap();
    // Entries that are no part of a batch are passed over.
    zip.start_file("__MACOSX/._x.json", opts).unwrap();
    zip.write_all(b"junk").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let (ct, body) = multipart(&[("files", Some("province.zip"), bytes)]);
    let a = s.request(
        "POST",
        "/v1/rank",
        &[("content-type", &ct), ("accept", "text/markdown")],
        &body,
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let want = cli(&[
        "rank",
        &format!("{p}/2025"),
        "--survey",
        &format!("{p}/2025/survey.json"),
        "--roster",
        &format!("{p}/roster.csv"),
    ]);
    assert_eq!(a.text(), String::from_utf8(want).unwrap());

    // Against one methodology, as `rank -m`: the same one the files name ranks as they do;
    // another scores none of them, each failure saying why; one not served is a 404; with a
    // roster it is refused (each unit is then scored against the one it names).
    let three: Vec<(&str, Option<&str>, Vec<u8>)> = files
        .iter()
        .take(3)
        .map(|(n, b)| ("files", Some(n.as_str()), b.clone()))
        .collect();
    let (ct, body) = multipart(&three);
    let a = s.request(
        "POST",
        "/v1/rank?methodology=commune-2024-model",
        &[("content-type", &ct)],
        &body,
    );
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.json()["rows"].as_array().unwrap().len(), 3);
    let a = s.request(
        "POST",
        "/v1/rank?methodology=commune-2025-model",
        &[("content-type", &ct)],
        &body,
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let j = a.json();
    assert!(j["rows"].as_array().unwrap().is_empty(), "{j}");
    let failures = j["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 3, "{j}");
    assert!(
        failures[0]
            .to_string()
            .contains("scored against `commune-2025-model`"),
        "{j}"
    );
    let a = s.request(
        "POST",
        "/v1/rank?methodology=no-such-set",
        &[("content-type", &ct)],
        &body,
    );
    assert_eq!(a.status, 404, "{}", a.text());
    let mut with_roster = three.clone();
    with_roster.push((
        "roster",
        Some("roster.csv"),
        std::fs::read("examples/data/province/roster.csv").unwrap(),
    ));
    let (ct, body) = multipart(&with_roster);
    let a = s.request(
        "POST",
        "/v1/rank?methodology=commune-2024-model",
        &[("content-type", &ct)],
        &body,
    );
    assert_eq!(a.status, 400, "{}", a.text());
    assert!(a.text().contains("roster"), "{}", a.text());

    // A bad file among them: its problems, naming it.
    let (ct, body) = multipart(&[("files", Some("bad.json"), b"{\"answers\": 1}".to_vec())]);
    let a = s.request("POST", "/v1/rank", &[("content-type", &ct)], &body);
    assert_eq!(a.status, 400);
    assert_eq!(a.json()["problems"][0]["file"], "bad.json");
    // Nothing uploaded.
    let (ct, body) = multipart(&[]);
    assert_eq!(
        s.request("POST", "/v1/rank", &[("content-type", &ct)], &body)
            .status,
        400
    );
    drop(s);
}

/// A folder zipped: each `.json` file of `dir` under `prefix`.
fn zipped(dir: &str, prefix: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let name = format!("{prefix}{}", path.file_name().unwrap().to_string_lossy());
        zip.start_file(name, opts).unwrap();
        zip.write_all(&std::fs::read(&path).unwrap()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// `POST /v1/compare`: this year's files and last year's (zips of the folders), the roster
/// of merged units and the code map, compared as `par-index compare` compares the folders;
/// one unit in full; every way the request can be wrong, a problem naming what.
#[test]
fn a_comparison_of_uploaded_years_is_the_command_line_s() {
    let s = Server::start(&[]);
    let p = "examples/data/province";
    let map = "criteria/maps/commune-2024-to-2025.map.toml";
    let read = |f: &str| std::fs::read(f).unwrap();
    let parts = |extra: Vec<(&'static str, Option<&'static str>, Vec<u8>)>| {
        let mut v = vec![
            (
                "files",
                Some("2025.zip"),
                zipped(&format!("{p}/2025"), "2025/"),
            ),
            (
                "previous",
                Some("2024.zip"),
                zipped(&format!("{p}/2024"), "2024/"),
            ),
            (
                "roster",
                Some("roster.csv"),
                read(&format!("{p}/roster.csv")),
            ),
            ("map", Some("commune-2024-to-2025.map.toml"), read(map)),
        ];
        v.extend(extra);
        v
    };
    let cli_args = |more: &[&str]| {
        let mut a = vec![
            "compare".to_owned(),
            format!("{p}/2025"),
            "--survey".into(),
            format!("{p}/2025/survey.json"),
            "--previous".into(),
            format!("{p}/2024"),
            "--roster".into(),
            format!("{p}/roster.csv"),
            "--map".into(),
            map.into(),
        ];
        a.extend(more.iter().map(|m| (*m).to_owned()));
        a
    };
    for (query, accept, more) in [
        ("", "text/markdown", vec![]),
        ("?lang=en", "text/markdown", vec!["-l", "en"]),
        ("", "application/json", vec!["-f", "json"]),
        ("?unit=HP-X02", "text/markdown", vec!["--unit", "HP-X02"]),
        (
            "?unit=hp-x01&format=json",
            "*/*",
            vec!["--unit", "HP-X01", "-f", "json"],
        ),
    ] {
        let (ct, body) = multipart(&parts(vec![]));
        let a = s.request(
            "POST",
            &format!("/v1/compare{query}"),
            &[("content-type", &ct), ("accept", accept)],
            &body,
        );
        assert_eq!(a.status, 200, "{query}: {}", a.text());
        let args = cli_args(&more);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(a.text(), String::from_utf8(cli(&args)).unwrap(), "{query}");
    }
    // The page and the workbook.
    let (ct, body) = multipart(&parts(vec![]));
    let a = s.request(
        "POST",
        "/v1/compare?format=html",
        &[("content-type", &ct)],
        &body,
    );
    assert_eq!(a.status, 200);
    assert!(a.text().starts_with("<!DOCTYPE html>"), "{}", a.text());
    let (ct, body) = multipart(&parts(vec![]));
    let a = s.request(
        "POST",
        "/v1/compare?format=xlsx",
        &[("content-type", &ct)],
        &body,
    );
    assert_eq!((a.status, a.header("content-type")), (200, Some(XLSX)));

    let problem = |extra: Vec<(&'static str, Option<&'static str>, Vec<u8>)>, drop: &[&str]| {
        let mut v = parts(vec![]);
        v.retain(|(f, _, _)| !drop.contains(f));
        v.extend(extra);
        let (ct, body) = multipart(&v);
        let a = s.request("POST", "/v1/compare", &[("content-type", &ct)], &body);
        assert_eq!(a.status, 400, "{}", a.text());
        a.json()
    };
    // No last year.
    let j = problem(vec![], &["previous"]);
    assert!(j["detail"].as_str().unwrap().contains("previous"), "{j}");
    // A roster among last year's files.
    let j = problem(
        vec![("previous", Some("r.csv"), read(&format!("{p}/roster.csv")))],
        &[],
    );
    assert_eq!(j["problems"][0]["file"], "previous/r.csv", "{j}");
    // A scorecard of last year edited: it does not verify, and is named.
    let mut card: serde_json::Value =
        serde_json::from_slice(&read(&format!("{p}/2024/NG-03.json"))).unwrap();
    card["index"] = serde_json::json!("99.99");
    let j = problem(
        vec![(
            "previous",
            Some("NG-03.json"),
            serde_json::to_vec(&card).unwrap(),
        )],
        &[],
    );
    let first = &j["problems"][0];
    assert_eq!(first["file"], "previous/NG-03.json", "{j}");
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("does not verify"),
        "{j}"
    );
    // A code map naming an item neither year has: at its line.
    let j = problem(
        vec![(
            "map",
            Some("bad.map.toml"),
            b"[codes]\n\"9.9.9\" = \"1.1.1\"\n".to_vec(),
        )],
        &["map"],
    );
    assert_eq!(
        (&j["problems"][0]["file"], &j["problems"][0]["line"]),
        (&serde_json::json!("bad.map.toml"), &serde_json::json!(2)),
        "{j}"
    );
    // Two code maps.
    let j = problem(vec![("map", Some("again.map.toml"), read(map))], &[]);
    assert!(j["detail"].as_str().unwrap().contains("code map"), "{j}");
    // No methodology: each result is scored against the one it names.
    let (ct, body) = multipart(&parts(vec![]));
    let a = s.request(
        "POST",
        "/v1/compare?methodology=commune-2025-model",
        &[("content-type", &ct)],
        &body,
    );
    assert_eq!(a.status, 400, "{}", a.text());
    // A unit not among the results.
    let (ct, body) = multipart(&parts(vec![]));
    let a = s.request(
        "POST",
        "/v1/compare?unit=XX-99",
        &[("content-type", &ct)],
        &body,
    );
    assert_eq!(a.status, 400);
    assert!(a.text().contains("no result of unit XX-99"), "{}", a.text());
    drop(s);
}

/// The upload page: Vietnamese by default, nothing fetched from elsewhere, no script; its
/// forms post a file and get the printable scorecard or ranking back.
#[test]
fn the_upload_page_scores_a_filled_form() {
    let s = Server::start(&[]);
    let a = s.get("/");
    assert_eq!(a.status, 200);
    let page = a.text();
    assert!(page.contains("lang=\"vi\"") && page.contains("Chấm một đơn vị"));
    assert!(!page.contains("<script") && !page.contains("http://") && !page.contains("https://"));
    assert!(page.contains("action=\"/ui/score?lang=vi\"") && page.contains("commune-2025-model"));
    assert!(s.get("/?lang=en").text().contains("Score one unit"));
    let form = std::fs::read("examples/data/district-xlsx/NG-01.xlsx").unwrap();
    let (ct, body) = multipart(&[
        ("file", Some("NG-01.xlsx"), form),
        ("methodology", None, Vec::new()),
    ]);
    let a = s.request("POST", "/ui/score?lang=vi", &[("content-type", &ct)], &body);
    assert_eq!(a.status, 200, "{}", a.text());
    assert!(a.text().starts_with("<!DOCTYPE html>"));
    let card = par_index::Options::new()
        .check_submission_file("examples/data/district-xlsx/NG-01.xlsx", &[])
        .outcome
        .unwrap();
    let card = par_index::score(card.methodology, &card.submission).unwrap();
    let index = par_index::report::words::fmt_decimal(card.index, par_index::Lang::Vi);
    assert!(
        a.text().contains(&format!("id=\"index\">{index}%<")),
        "{index}"
    );
    drop(s);
}

/// `GET /openapi.json`: OpenAPI 3.1 with every route, its bodies described by the crate's own
/// schemas (the submission's is the one `par-index schema submission` prints, its definitions
/// beside it), the served methodologies the values of `methodology`.
#[test]
fn the_openapi_document_describes_every_route() {
    let s = Server::start(&[]);
    let doc = s.get("/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/healthz",
        "/v1/methodologies",
        "/v1/methodologies/{id}",
        "/v1/score",
        "/v1/readiness",
        "/v1/gaps",
        "/v1/explain",
        "/v1/validate",
        "/v1/verify",
        "/v1/template",
        "/v1/rank",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
    let schemas = &doc["components"]["schemas"];
    let crate_schema: serde_json::Value =
        serde_json::from_str(&par_index::schema::json_schema("submission").unwrap()).unwrap();
    assert_eq!(schemas["Submission"]["required"], crate_schema["required"]);
    for def in crate_schema["$defs"].as_object().unwrap().keys() {
        assert!(schemas[format!("Submission.{def}")].is_object(), "{def}");
    }
    // No reference is left dangling.
    let text = doc.to_string();
    for r in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &r[..r.find('"').unwrap()];
        assert!(schemas[name].is_object(), "{name}");
    }
    let ids = &doc["paths"]["/v1/score"]["post"]["parameters"][1]["schema"]["anyOf"][0]["enum"];
    assert_eq!(ids[0], "commune-2024-model");
    // Every failure is declared as problem details.
    let bad = &doc["paths"]["/v1/score"]["post"]["responses"]["400"]["content"];
    assert!(bad["application/problem+json"].is_object());
}

/// `GET /metrics`: requests counted by route pattern and status, their latency as a
/// histogram whose buckets grow, and the requests in flight (the one asking).
#[test]
fn metrics_count_the_requests_by_route_and_status() {
    let s = Server::start(&[]);
    let sample = std::fs::read("examples/data/xa-dong-tam.json").unwrap();
    for _ in 0..3 {
        assert_eq!(s.post("/v1/score", JSON, &sample).status, 200);
    }
    assert_eq!(s.get("/v1/methodologies/nope").status, 404);
    let a = s.get("/metrics");
    assert!(
        a.header("content-type")
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = a.text();
    assert!(
        text.contains("par_index_requests_total{route=\"/v1/score\",status=\"200\"} 3"),
        "{text}"
    );
    // The route's pattern, not the path asked for.
    assert!(
        text.contains(
            "par_index_requests_total{route=\"/v1/methodologies/{id}\",status=\"404\"} 1"
        )
    );
    assert!(text.contains("par_index_request_duration_seconds_count{route=\"/v1/score\"} 3"));
    assert!(text.contains("par_index_requests_in_flight 1"));
    let buckets: Vec<u64> = text
        .lines()
        .filter(|l| l.starts_with("par_index_request_duration_seconds_bucket{route=\"/v1/score\""))
        .map(|l| l.rsplit(' ').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(buckets.len(), 13);
    assert!(buckets.windows(2).all(|w| w[0] <= w[1]) && buckets[12] == 3);
}

/// `POST /v1/appraise` and `/v1/diff`: a self-assessment with its stage files (sent in any
/// order) and the survey, scored through every stage, is what `par-index appraise -f json` and
/// `par-index diff` print.
#[test]
fn an_appraisal_through_its_stages_is_the_command_line_s() {
    let s = Server::start(&[]);
    let d = "examples/data/district";
    let file = |p: &str| std::fs::read(format!("{d}/{p}")).unwrap();
    let (ct, body) = multipart(&[
        (
            "files",
            Some("NG-04.final.json"),
            file("appraisals/NG-04.final.json"),
        ),
        ("files", Some("NG-04.json"), file("NG-04.json")),
        (
            "files",
            Some("NG-04.explanation.json"),
            file("appraisals/NG-04.explanation.json"),
        ),
        (
            "files",
            Some("NG-04.appraisal-1.json"),
            file("appraisals/NG-04.appraisal-1.json"),
        ),
        ("survey", Some("survey.json"), file("survey.json")),
    ]);
    let stages: Vec<String> = ["appraisal-1", "explanation", "final"]
        .iter()
        .flat_map(|x| ["-s".to_owned(), format!("{d}/appraisals/NG-04.{x}.json")])
        .collect();
    let mut args: Vec<&str> = vec!["appraise", "examples/data/district/NG-04.json"];
    args.extend(stages.iter().map(String::as_str));
    args.extend([
        "--survey",
        "examples/data/district/survey.json",
        "-f",
        "json",
    ]);
    let a = s.request("POST", "/v1/appraise", &[("content-type", &ct)], &body);
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.body, cli(&args));
    // Self-assessment, appraisal-1, explanation, final: four scorecards.
    assert_eq!(a.json().as_array().unwrap().len(), 4);
    args[0] = "diff";
    args.truncate(args.len() - 2);
    let a = s.request("POST", "/v1/diff", &[("content-type", &ct)], &body);
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.body, cli(&args));
    // Two self-assessments: refused.
    let (ct, body) = multipart(&[
        ("files", Some("a.json"), file("NG-04.json")),
        ("files", Some("b.json"), file("NG-05.json")),
    ]);
    assert_eq!(
        s.request("POST", "/v1/appraise", &[("content-type", &ct)], &body)
            .status,
        400
    );
}

/// `POST /v1/gaps` of many units (a zip of the district with its stages and survey) is what
/// `par-index gaps` prints for the folder; `POST /v1/template` fills the form from a
/// submission, which reads back as that submission.
#[test]
fn batch_gaps_and_a_filled_form() {
    let s = Server::start(&[]);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let d = "examples/data/district";
    for sub in ["", "appraisals/"] {
        for e in std::fs::read_dir(format!("{d}/{sub}")).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_some_and(|x| x == "json") {
                let name = format!(
                    "district/{sub}{}",
                    path.file_name().unwrap().to_string_lossy()
                );
                zip.start_file(name, opts).unwrap();
                zip.write_all(&std::fs::read(&path).unwrap()).unwrap();
            }
        }
    }
    let bytes = zip.finish().unwrap().into_inner();
    let (ct, body) = multipart(&[("files", Some("district.zip"), bytes)]);
    let a = s.request(
        "POST",
        "/v1/gaps",
        &[("content-type", &ct), ("accept", "text/markdown")],
        &body,
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let want = cli(&["gaps", d, "--survey", &format!("{d}/survey.json")]);
    assert_eq!(a.text(), String::from_utf8(want).unwrap());

    let sample = std::fs::read("examples/data/xa-dong-tam.json").unwrap();
    let a = s.post("/v1/template", JSON, &sample);
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.header("content-type"), Some(XLSX));
    let back = par_index::form::read_form(&a.body);
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(
        back.submission.unwrap(),
        par_index::catalog::sample_submission()
    );
}

/// The log names each request (id, route, status, time) and what was sent by its SHA-256,
/// never by its content.
#[test]
fn the_log_names_inputs_by_their_hash_only() {
    let s = Server::start(&[]);
    let sample = std::fs::read("examples/data/xa-dong-tam.json").unwrap();
    assert_eq!(s.post("/v1/score", JSON, &sample).status, 200);
    let hash = par_index::canonical::sha256_hex(&sample);
    // The line is written as the answer goes out: wait for it a little.
    let mut log = String::new();
    for _ in 0..50 {
        log = s.log.lock().unwrap().clone();
        if log.contains("status=200") {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(log.contains(&format!("input={hash}")), "{log}");
    assert!(
        log.contains("route=/v1/score") && log.contains("status=200") && log.contains("latency="),
        "{log}"
    );
    assert!(!log.contains("Đồng Tâm") && !log.contains("NG-01"), "{log}");
}

/// The page is Vietnamese whatever the browser's languages, English only on request.
#[test]
fn the_page_is_vietnamese_unless_asked() {
    let s = Server::start(&[]);
    let a = s.request("GET", "/", &[("accept-language", "en-US,en;q=0.9")], b"");
    assert!(a.text().contains("lang=\"vi\""));
    assert!(s.get("/?lang=en").text().contains("lang=\"en\""));
}

/// docs/serve.md's table of routes and the OpenAPI document name the same operations (the
/// page and the document itself aside), so that neither drifts from the other.
#[test]
fn the_documented_routes_are_the_served_ones() {
    let s = Server::start(&[]);
    let doc = s.get("/openapi.json").json();
    let mut served: Vec<String> = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            served.push(format!("{} {path}", method.to_uppercase()));
        }
    }
    served.sort();
    let text = std::fs::read_to_string("docs/serve.md").unwrap();
    let mut documented: Vec<String> = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let first = line.split(" | ").next().unwrap();
        for op in first.split(", ") {
            let op = op.trim_start_matches("| ").trim_matches('`');
            let op = op.split('?').next().unwrap();
            if op != "GET /" && op != "GET /openapi.json" {
                documented.push(op.to_owned());
            }
        }
    }
    documented.sort();
    assert_eq!(documented, served);
}

/// The upload page in a real browser (Chromium over the DevTools protocol): an officer
/// chooses the filled form, presses the button and reads the unit's index on the scorecard
/// that comes back; chooses several forms for the ranking page; downloads a blank form.
/// `.ci/run` installs Chromium and sets `PAR_INDEX_BROWSER=required`; elsewhere without one
/// the test says it was skipped.
#[test]
fn the_upload_page_works_in_a_real_browser() {
    let Some(browser) = cdp::browser() else {
        assert!(
            std::env::var("PAR_INDEX_BROWSER").as_deref() != Ok("required"),
            "no Chromium found, and PAR_INDEX_BROWSER=required"
        );
        eprintln!("skipped: no Chromium (apt-get install chromium)");
        return;
    };
    let s = Server::start(&[]);
    let dir = std::env::temp_dir().join(format!("par-index-upload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The sample's form, filled from its JSON as an office fills it.
    let form = dir.join("xa-dong-tam.xlsx");
    let made = Command::new(BIN)
        .args(["template", "--from", "examples/data/xa-dong-tam.json", "-o"])
        .arg(&form)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );

    let mut page = cdp::Page::open(&browser);
    let home = format!("http://{}/", s.addr);
    page.goto(&home);
    assert_eq!(page.eval("document.documentElement.lang"), "vi");
    assert_eq!(page.eval("document.scripts.length"), 0);
    page.choose("form[action^='/ui/score'] input[type=file]", &[&form]);
    page.press("form[action^='/ui/score'] button");
    // The sample's index is 95.29: 67.53 of the criteria's 70 + 26.76 of the survey's 30
    // + 1 bonus = 95.29 of 100 (README, tests/samples.rs); shown the Vietnamese way.
    assert_eq!(
        page.eval("document.getElementById('index').textContent"),
        "95,29%"
    );
    assert!(page.text().contains("Xã Đồng Tâm"));

    // Several forms for the ranking page: each unit in its table.
    page.goto(&home);
    let forms: Vec<std::path::PathBuf> = ["NG-01", "NG-02", "NG-03"]
        .iter()
        .map(|u| std::path::PathBuf::from(format!("examples/data/district-xlsx/{u}.xlsx")))
        .collect();
    let forms: Vec<&std::path::Path> = forms.iter().map(|p| p.as_path()).collect();
    page.choose("form[action^='/ui/rank'] input[name=files]", &forms);
    page.press("form[action^='/ui/rank'] button");
    let text = page.text();
    for unit in ["NG-01", "NG-02", "NG-03"] {
        assert!(
            text.contains(unit),
            "{unit} not on the ranking page: {text}"
        );
    }

    // A blank form, downloaded into a folder as the browser saves it.
    page.goto(&home);
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    page.call(
        "Page.setDownloadBehavior",
        serde_json::json!({ "behavior": "allow", "downloadPath": downloads.display().to_string() }),
    );
    page.eval("document.querySelector(\"input[name=unit]\").value = 'NG-07'");
    page.eval("document.querySelector(\"form[action='/v1/template'] button\").click()");
    let started = std::time::Instant::now();
    let saved = loop {
        let done: Vec<std::path::PathBuf> = std::fs::read_dir(&downloads)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
            .collect();
        if let [one] = done.as_slice() {
            break one.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no form was downloaded"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    // The unit's code typed on the page is in the form's cells.
    use calamine::{DataType, Reader};
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(std::fs::read(&saved).unwrap())).unwrap();
    let names = book.sheet_names();
    let has_unit = names.iter().any(|n| {
        book.worksheet_range(n)
            .unwrap()
            .used_cells()
            .any(|(_, _, c)| c.get_string() == Some("NG-07"))
    });
    assert!(has_unit, "NG-07 is not in the downloaded form");
    drop(page);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// docs/api.md, the reference of every route, is generated from `GET /openapi.json` (of a
/// server of the embedded methodologies): it cannot say what the server does not. Rewrite it
/// with `PAR_INDEX_WRITE_DOCS=1 cargo test --test serve api_reference`.
#[test]
fn the_api_reference_is_generated_from_the_openapi_document() {
    let s = Server::start(&[]);
    let doc = s.get("/openapi.json").json();
    let text = api_markdown(&doc);
    if std::env::var("PAR_INDEX_WRITE_DOCS").as_deref() == Ok("1") {
        std::fs::write("docs/api.md", &text).unwrap();
    }
    let kept = std::fs::read_to_string("docs/api.md").unwrap_or_default();
    assert!(
        kept == text,
        "docs/api.md is not what /openapi.json says: rewrite it with PAR_INDEX_WRITE_DOCS=1 cargo test --test serve api_reference"
    );
}

/// The Markdown reference of an OpenAPI document: each operation with its parameters, body
/// and answers.
fn api_markdown(doc: &serde_json::Value) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let info = &doc["info"];
    writeln!(
        out,
        "# HTTP API reference ({} {})\n",
        info["title"].as_str().unwrap(),
        info["version"].as_str().unwrap()
    )
    .unwrap();
    writeln!(
        out,
        "Generated from `GET /openapi.json` (OpenAPI {}) of `par-index serve` with the embedded \
         methodologies, by `tests/serve.rs`, which fails when the two differ. How to run the \
         server, the upload page and examples: [serve.md](serve.md). The bodies' schemas are the \
         crate's own ([schemas/](../schemas/)); `/openapi.json` carries them in full.\n",
        doc["openapi"].as_str().unwrap()
    )
    .unwrap();
    writeln!(out, "{}\n", info["description"].as_str().unwrap()).unwrap();
    writeln!(
        out,
        "**Authentication**: with `--token-file`, every route but `/healthz` needs \
         `Authorization: Bearer TOKEN`.\n"
    )
    .unwrap();
    let schema_words = |schema: &serde_json::Value| -> String {
        if let Some(r) = schema["$ref"].as_str() {
            return format!("`{}`", r.trim_start_matches("#/components/schemas/"));
        }
        if let Some(any) = schema["anyOf"].as_array() {
            let v: Vec<String> = any
                .iter()
                .map(|a| match a["pattern"].as_str() {
                    Some(p) => format!("matching `{p}`"),
                    None => {
                        let values: Vec<String> = a["enum"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|v| format!("`{}`", v.as_str().unwrap_or_default()))
                            .collect();
                        values.join(", ")
                    }
                })
                .collect();
            return v.join("; or ");
        }
        if let Some(values) = schema["enum"].as_array() {
            let v: Vec<String> = values
                .iter()
                .map(|v| format!("`{}`", v.as_str().unwrap_or_default()))
                .collect();
            return v.join(", ");
        }
        if schema["type"] == "array" {
            if let Some(r) = schema["items"]["$ref"].as_str() {
                return format!(
                    "array of `{}`",
                    r.trim_start_matches("#/components/schemas/")
                );
            }
            return "array".to_owned();
        }
        schema["type"].as_str().unwrap_or("any").to_owned()
    };
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            writeln!(out, "## `{} {path}`\n", method.to_uppercase()).unwrap();
            writeln!(out, "{}\n", op["summary"].as_str().unwrap()).unwrap();
            if op
                .get("security")
                .is_some_and(|s| s.as_array().is_some_and(Vec::is_empty))
            {
                writeln!(out, "No token needed.\n").unwrap();
            }
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            if !params.is_empty() {
                writeln!(
                    out,
                    "| parameter | in | required | values | |\n|---|---|---|---|---|"
                )
                .unwrap();
                for p in &params {
                    writeln!(
                        out,
                        "| `{}` | {} | {} | {} | {} |",
                        p["name"].as_str().unwrap(),
                        p["in"].as_str().unwrap(),
                        if p["required"] == true { "yes" } else { "no" },
                        schema_words(&p["schema"]),
                        p["description"].as_str().unwrap_or_default()
                    )
                    .unwrap();
                }
                out.push('\n');
            }
            if let Some(body) = op.get("requestBody") {
                writeln!(out, "Body:\n").unwrap();
                for (media, m) in body["content"].as_object().unwrap() {
                    let schema = &m["schema"];
                    if let Some(props) = schema["properties"].as_object() {
                        let required: Vec<&str> = schema["required"]
                            .as_array()
                            .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
                            .unwrap_or_default();
                        writeln!(out, "- `{media}`, its parts:").unwrap();
                        for (name, part) in props {
                            let many = if part["type"] == "array" {
                                " (any number)"
                            } else {
                                ""
                            };
                            let req = if required.contains(&name.as_str()) {
                                ", required"
                            } else {
                                ""
                            };
                            let what = part["description"]
                                .as_str()
                                .map(|d| format!(": {d}"))
                                .unwrap_or_default();
                            writeln!(out, "  - `{name}`{many}{req}{what}").unwrap();
                        }
                    } else {
                        writeln!(out, "- `{media}`: {}", schema_words(schema)).unwrap();
                    }
                }
                out.push('\n');
            }
            writeln!(out, "Answers:\n").unwrap();
            let mut failures: Vec<&str> = Vec::new();
            for (status, r) in op["responses"].as_object().unwrap() {
                if !status.starts_with('2') {
                    failures.push(status);
                    continue;
                }
                let media: Vec<String> = r["content"]
                    .as_object()
                    .map(|c| {
                        c.iter()
                            .map(|(m, v)| {
                                match v["schema"]["$ref"]
                                    .as_str()
                                    .or(v["schema"]["items"]["$ref"].as_str())
                                {
                                    Some(_) => format!("`{m}` ({})", schema_words(&v["schema"])),
                                    None => format!("`{m}`"),
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                writeln!(
                    out,
                    "- {status} ({}): {}",
                    r["description"]
                        .as_str()
                        .unwrap_or_default()
                        .trim_end_matches('.'),
                    media.join(", ")
                )
                .unwrap();
            }
            if !failures.is_empty() {
                writeln!(
                    out,
                    "- failures: {} (see [Failures](#failures))",
                    failures.join(", ")
                )
                .unwrap();
            }
            out.push('\n');
        }
    }
    // The failures, once: every operation's are among them, with the same meaning.
    let mut failures: std::collections::BTreeMap<String, String> =
        std::collections::BTreeMap::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            for (status, r) in op["responses"].as_object().unwrap() {
                if !status.starts_with('2') {
                    let said = r["description"].as_str().unwrap_or_default().to_owned();
                    let had = failures.insert(status.clone(), said.clone());
                    assert!(had.is_none_or(|h| h == said), "{status} means two things");
                }
            }
        }
    }
    writeln!(
        out,
        "## Failures\n\nEvery failure is `application/problem+json` (RFC 9457, `ProblemDetails`): \
         `type`, `title`, `status`, `detail`, and `problems`, every located problem of the input \
         (kind, file, line, column, cell, code, field, message). No input gives a 500.\n"
    )
    .unwrap();
    writeln!(out, "| status | when |\n|---|---|").unwrap();
    for (status, said) in &failures {
        writeln!(out, "| {status} | {said} |").unwrap();
    }
    out.push('\n');
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let top: Vec<String> = schemas
        .keys()
        .filter(|k| !k.contains('.'))
        .map(|k| format!("`{k}`"))
        .collect();
    writeln!(
        out,
        "## Schemas\n\n{} (and the definitions under them, named `Schema.Definition`).",
        top.join(", ")
    )
    .unwrap();
    out
}
