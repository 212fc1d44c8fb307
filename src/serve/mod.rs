//! The HTTP server (`par-index serve`, feature `serve`): the library's operations over a
//! JSON API for the portals and offices that cannot link a Rust crate. Bodies are the
//! project's own formats (a submission as JSON or a filled Excel form; a scorecard as JSON)
//! and answers are the library's renderings, chosen by `Accept`; every failure is an RFC 9457
//! `application/problem+json` carrying every located problem.
//!
//! The handlers only translate HTTP to library calls ([`crate::Options`],
//! [`crate::report::render`], …): what a server needs that the command line also needs lives
//! in the library. Scoring runs off the async threads, a bounded number at a time; a server
//! that is full answers 503 with `Retry-After` at once rather than queueing without end.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use par_index::serve::{Config, Server};
//! let server = Server::new(Config::new()).expect("the methodologies load");
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! par_index::serve::run(listener, server, std::future::pending()).await
//! # }
//! ```

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::error::{Error, Problem, ProblemKind};
use crate::model::methodology::Methodology;
use crate::read::limits::Limits;

mod metrics;
mod openapi;
mod problem;
mod routes;
mod upload;

/// How a server runs: where its methodologies are, how large a body it takes, how long a
/// request may run, how many score at once, and the token it asks for.
///
/// ```
/// let c = par_index::serve::Config::new().concurrency(4).token(Some("s3cret".into()));
/// assert_eq!(c.concurrency, 4);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// Folders of methodology files (`.toml`), served beside the embedded sets.
    pub methodologies: Vec<PathBuf>,
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// How long a request may take before it is answered 503.
    pub timeout: Duration,
    /// How many requests do their work at once.
    pub concurrency: usize,
    /// How many more may wait for their turn; the rest are turned away with 503 at once.
    pub queue: usize,
    /// When set, every route but `/healthz` needs `Authorization: Bearer <token>`.
    pub token: Option<String>,
    /// The limits every input is read within.
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            methodologies: Vec::new(),
            max_body: 16 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            concurrency: std::thread::available_parallelism().map_or(2, usize::from),
            queue: 256,
            token: None,
            limits: Limits::default(),
        }
    }
}

impl Config {
    /// The defaults: the embedded methodologies only, bodies up to 16 MiB, 30 s a request,
    /// as many at once as the machine has cores and 256 waiting, no token.
    ///
    /// ```
    /// assert!(par_index::serve::Config::new().token.is_none());
    /// ```
    #[must_use]
    pub fn new() -> Config {
        Config::default()
    }

    /// With these folders of methodology files.
    ///
    /// ```
    /// let c = par_index::serve::Config::new().methodologies(vec!["criteria".into()]);
    /// assert_eq!(c.methodologies.len(), 1);
    /// ```
    #[must_use]
    pub fn methodologies(mut self, dirs: Vec<PathBuf>) -> Config {
        self.methodologies = dirs;
        self
    }

    /// With this largest body, in bytes.
    ///
    /// ```
    /// assert_eq!(par_index::serve::Config::new().max_body(1024).max_body, 1024);
    /// ```
    #[must_use]
    pub fn max_body(mut self, bytes: usize) -> Config {
        self.max_body = bytes;
        self
    }

    /// With this time a request may take.
    ///
    /// ```
    /// let c = par_index::serve::Config::new().timeout(std::time::Duration::from_secs(5));
    /// assert_eq!(c.timeout.as_secs(), 5);
    /// ```
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Config {
        self.timeout = timeout;
        self
    }

    /// With this many requests at work at once (at least one).
    ///
    /// ```
    /// assert_eq!(par_index::serve::Config::new().concurrency(0).concurrency, 1);
    /// ```
    #[must_use]
    pub fn concurrency(mut self, n: usize) -> Config {
        self.concurrency = n.max(1);
        self
    }

    /// With this many requests waiting at most.
    ///
    /// ```
    /// assert_eq!(par_index::serve::Config::new().queue(8).queue, 8);
    /// ```
    #[must_use]
    pub fn queue(mut self, n: usize) -> Config {
        self.queue = n;
        self
    }

    /// With this token (or none).
    ///
    /// ```
    /// assert!(par_index::serve::Config::new().token(Some("t".into())).token.is_some());
    /// ```
    #[must_use]
    pub fn token(mut self, token: Option<String>) -> Config {
        self.token = token;
        self
    }

    /// With these limits on every input.
    ///
    /// ```
    /// let c = par_index::serve::Config::new().limits(par_index::Limits::default());
    /// assert_eq!(c.limits, par_index::Limits::default());
    /// ```
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Config {
        self.limits = limits;
        self
    }
}

/// A methodology file a server loaded: the set, its text (served on request) and its file.
#[derive(Debug)]
struct Loaded {
    methodology: Methodology,
    text: String,
    file: String,
}

/// The methodologies a server scores against: the embedded sets and those of its folders,
/// each addressed by id (a folder's set may not take an embedded set's id, nor another
/// file's) or by its SHA-256.
///
/// ```
/// let c = par_index::serve::Catalogue::load(&["criteria".into()]).unwrap_err();
/// // The folder holds the embedded sets' own files: their ids are taken.
/// assert!(c.to_string().contains("commune-2024-model"));
/// let c = par_index::serve::Catalogue::load(&[]).unwrap();
/// assert!(c.get("commune-2024-model").is_some());
/// ```
#[derive(Debug, Default)]
pub struct Catalogue {
    files: Vec<Loaded>,
    sets: Vec<Methodology>,
}

impl Catalogue {
    /// The embedded sets and every `.toml` file of these folders, each validated: the first
    /// problem of any file refuses the whole catalogue, naming the file.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] naming the file and its problems, or a folder that cannot be read.
    pub fn load(dirs: &[PathBuf]) -> Result<Catalogue, Error> {
        let mut files: Vec<Loaded> = Vec::new();
        for dir in dirs {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
                .map_err(|e| Error::Io {
                    path: dir.display().to_string(),
                    cause: e,
                })?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
                .collect();
            paths.sort();
            for path in paths {
                let (text, file) = crate::read::io::read_text(&path)?;
                let methodology =
                    crate::read::methodology::load_methodology_str(&text, Some(&file))?;
                let id = methodology.id().to_owned();
                let taken = crate::catalog::get(&id).is_ok()
                    || files.iter().any(|f| f.methodology.id() == id);
                if taken {
                    return Err(Error::Invalid(vec![
                        Problem::new(
                            ProblemKind::DuplicateName,
                            None,
                            "id",
                            format!(
                                "methodology `{id}` is served already (embedded, or from another file): give this set an id of its own"
                            ),
                        )
                        .in_file(&file),
                    ]));
                }
                files.push(Loaded {
                    methodology,
                    text,
                    file,
                });
            }
        }
        let sets = files.iter().map(|f| f.methodology.clone()).collect();
        Ok(Catalogue { files, sets })
    }

    /// The methodology of this id (a folder's, else an embedded one), or of this SHA-256.
    ///
    /// ```
    /// let c = par_index::serve::Catalogue::load(&[]).unwrap();
    /// assert!(c.get("no-such-set").is_none());
    /// let sha = par_index::catalog::get("commune-2025-model").unwrap().sha256().to_uppercase();
    /// assert_eq!(c.get(&sha).unwrap().id(), "commune-2025-model");
    /// ```
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Methodology> {
        crate::catalog::among(id, &self.sets)
            .ok()
            .or_else(|| self.by_sha256(id))
    }

    /// The methodology whose content hash (SHA-256, 64 hexadecimal digits) is `sha256`: a
    /// portal that pins the exact rules it scores under names them so.
    fn by_sha256(&self, sha256: &str) -> Option<&Methodology> {
        let hex = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex {
            return None;
        }
        self.all()
            .into_iter()
            .find(|m| m.sha256().eq_ignore_ascii_case(sha256))
    }

    /// The methodology's text (TOML) and where it comes from (`embedded` or its file).
    fn source(&self, id: &str) -> Option<(&str, &str)> {
        match self.files.iter().find(|f| f.methodology.id() == id) {
            Some(f) => Some((f.text.as_str(), f.file.as_str())),
            None => crate::catalog::source(id).map(|t| (t, "embedded")),
        }
    }

    /// Every methodology served: the embedded sets, then the folders' in file order.
    fn all(&self) -> Vec<&Methodology> {
        let mut all: Vec<&Methodology> = crate::catalog::ids()
            .filter_map(|id| crate::catalog::get(id).ok())
            .collect();
        all.extend(self.sets.iter());
        all
    }
}

/// A server: its configuration and its catalogue, which a reload replaces whole.
///
/// ```
/// let server = par_index::serve::Server::new(par_index::serve::Config::new()).unwrap();
/// let _router = server.router(); // an axum Router, to serve or to mount in an application
/// ```
#[derive(Clone)]
pub struct Server {
    state: Arc<State>,
}

struct State {
    config: Config,
    catalogue: RwLock<Arc<Catalogue>>,
    /// Permits for requests at work or waiting; none left: 503.
    slots: Arc<tokio::sync::Semaphore>,
    /// Permits for requests at work.
    workers: Arc<tokio::sync::Semaphore>,
    /// What `/metrics` reports.
    metrics: metrics::Metrics,
}

impl Server {
    /// A server of this configuration, its methodologies loaded and validated.
    ///
    /// # Errors
    ///
    /// The first methodology file that does not load, named with its problems.
    pub fn new(config: Config) -> Result<Server, Error> {
        let catalogue = Catalogue::load(&config.methodologies)?;
        let workers = config.concurrency.max(1);
        Ok(Server {
            state: Arc::new(State {
                slots: Arc::new(tokio::sync::Semaphore::new(
                    workers.saturating_add(config.queue),
                )),
                workers: Arc::new(tokio::sync::Semaphore::new(workers)),
                catalogue: RwLock::new(Arc::new(catalogue)),
                metrics: metrics::Metrics::default(),
                config,
            }),
        })
    }

    /// Load the methodology folders again and serve them from now on; a folder that does
    /// not load leaves the catalogue as it was and says why.
    ///
    /// # Errors
    ///
    /// The first methodology file that does not load; the old catalogue stays.
    ///
    /// ```
    /// let server = par_index::serve::Server::new(par_index::serve::Config::new()).unwrap();
    /// assert!(server.reload().is_ok());
    /// ```
    pub fn reload(&self) -> Result<(), Error> {
        let fresh = Catalogue::load(&self.state.config.methodologies)?;
        match self.state.catalogue.write() {
            Ok(mut c) => *c = Arc::new(fresh),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(fresh),
        }
        Ok(())
    }

    /// The routes of the API, to serve ([`run`]) or to mount inside another axum
    /// application.
    pub fn router(&self) -> axum::Router {
        routes::router(Arc::clone(&self.state))
    }
}

impl State {
    fn catalogue(&self) -> Arc<Catalogue> {
        match self.catalogue.read() {
            Ok(c) => Arc::clone(&c),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }
}

/// Serve on `listener` until `shutdown` completes, then finish the requests in flight. On
/// Unix, `SIGHUP` reloads the methodology folders (a bad reload keeps the old catalogue and
/// says why on stderr).
///
/// # Errors
///
/// When the listener fails.
pub async fn run(
    listener: tokio::net::TcpListener,
    server: Server,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let again = server.clone();
        if let Ok(mut hup) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
        {
            tokio::spawn(async move {
                while hup.recv().await.is_some() {
                    match again.reload() {
                        Ok(()) => tracing::info!("methodologies reloaded"),
                        Err(e) => tracing::warn!("reload refused, the catalogue is kept: {e}"),
                    }
                }
            });
        }
    }
    axum::serve(listener, server.router())
        .with_graceful_shutdown(shutdown)
        .await
}
