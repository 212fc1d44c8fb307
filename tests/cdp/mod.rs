//! A headless Chromium driven over the DevTools protocol (a WebSocket, JSON commands): enough
//! to open a page, choose files for its file inputs, press a form's button and read the page
//! it leads to, as an officer's browser would. Every wait is bounded.
#![allow(dead_code)]

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// The longest any step waits (start, a page load, an answer).
const PATIENCE: Duration = Duration::from_secs(60);

/// Chromium on `PATH` (or `$CHROME`), when there is one.
pub fn browser() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CHROME") {
        return Some(PathBuf::from(p));
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::var("PATH").unwrap_or_default().split(':') {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// A browser with one page, killed (and its profile removed) when dropped.
pub struct Page {
    child: Child,
    profile: PathBuf,
    ws: WebSocket<TcpStream>,
    next_id: u64,
}

impl Page {
    /// Start `browser` headless on a fresh profile and attach to its first page.
    pub fn open(browser: &Path) -> Page {
        let profile = std::env::temp_dir().join(format!(
            "par-index-cdp-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).unwrap();
        let child = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                &format!("--user-data-dir={}", profile.display()),
                "about:blank",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The browser writes the port it bound (and its own socket's path) to the profile.
        let started = Instant::now();
        let port = loop {
            let text =
                std::fs::read_to_string(profile.join("DevToolsActivePort")).unwrap_or_default();
            if let Some(port) = text
                .lines()
                .next()
                .and_then(|l| l.trim().parse::<u16>().ok())
            {
                break port;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "Chromium did not start its DevTools"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        // The page's socket, from the browser's list of targets.
        let url = loop {
            let list = http_get(port, "/json/list");
            let targets: Value = serde_json::from_str(&list).unwrap_or(Value::Null);
            let page = targets.as_array().and_then(|t| {
                t.iter()
                    .find(|t| t["type"] == "page")
                    .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(str::to_owned))
            });
            if let Some(u) = page {
                break u;
            }
            assert!(started.elapsed() < PATIENCE, "Chromium opened no page");
            std::thread::sleep(Duration::from_millis(50));
        };
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let (ws, _) = tungstenite::client(url.as_str(), stream).unwrap();
        let mut page = Page {
            child,
            profile,
            ws,
            next_id: 0,
        };
        page.call("Page.enable", json!({}));
        page.call("DOM.enable", json!({}));
        page
    }

    /// Send a command and wait for its answer (events before it are passed over).
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({ "id": id, "method": method, "params": params });
        self.ws.send(Message::text(msg.to_string())).unwrap();
        let started = Instant::now();
        loop {
            assert!(started.elapsed() < PATIENCE, "{method}: no answer");
            let m = self.read();
            if m["id"] == id {
                assert!(m.get("error").is_none(), "{method}: {m}");
                return m["result"].clone();
            }
        }
    }

    fn read(&mut self) -> Value {
        loop {
            match self.ws.read().unwrap() {
                Message::Text(t) => return serde_json::from_str(t.as_str()).unwrap(),
                Message::Close(_) => panic!("the browser closed the connection"),
                _ => {}
            }
        }
    }

    /// Wait for the page to finish loading (its load event).
    fn loaded(&mut self) {
        let started = Instant::now();
        loop {
            assert!(started.elapsed() < PATIENCE, "the page did not load");
            if self.read()["method"] == "Page.loadEventFired" {
                return;
            }
        }
    }

    /// Open `url` and wait until it has loaded.
    pub fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
        self.loaded();
    }

    /// Choose `files` for the file input `selector`, as a user's file dialog would.
    pub fn choose(&mut self, selector: &str, files: &[&Path]) {
        let root = self.call("DOM.getDocument", json!({}))["root"]["nodeId"].clone();
        let node = self.call(
            "DOM.querySelector",
            json!({ "nodeId": root, "selector": selector }),
        )["nodeId"]
            .clone();
        assert_ne!(node, json!(0), "no element {selector}");
        let files: Vec<String> = files
            .iter()
            .map(|f| std::fs::canonicalize(f).unwrap().display().to_string())
            .collect();
        self.call(
            "DOM.setFileInputFiles",
            json!({ "nodeId": node, "files": files }),
        );
    }

    /// Press the button `selector` (its form is submitted) and wait for the page it leads to.
    pub fn press(&mut self, selector: &str) {
        let clicked = self.eval(&format!(
            "(() => {{ const b = document.querySelector({}); if (!b) return false; b.click(); return true; }})()",
            json!(selector)
        ));
        assert_eq!(clicked, json!(true), "no button {selector}");
        self.loaded();
    }

    /// The value of a JavaScript expression in the page.
    pub fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        assert!(r.get("exceptionDetails").is_none(), "{expression}: {r}");
        r["result"]["value"].clone()
    }

    /// The page's text as a reader sees it.
    pub fn text(&mut self) -> String {
        self.eval("document.body.innerText")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = self.ws.close(None);
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A GET on the browser's own HTTP endpoint (its list of targets).
fn http_get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nhost: 127.0.0.1:{port}\r\nconnection: close\r\n\r\n"
    );
    // The browser keeps the connection open: read the head, then as many bytes as it says.
    let mut r = std::io::BufReader::new(s);
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        if std::io::BufRead::read_line(&mut r, &mut line).unwrap_or(0) == 0 {
            return String::new();
        }
        let l = line.trim();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    if r.read_exact(&mut body).is_err() {
        return String::new();
    }
    String::from_utf8_lossy(&body).into_owned()
}
