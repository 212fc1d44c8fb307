//! `par-index serve`: the library over HTTP for portals and offices (`par_index::serve`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use super::Outcome;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The address to listen on. A non-loopback address serves the network: put the server
    /// behind a proxy with TLS, and give it a token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// A folder of methodology files (`.toml`) to serve beside the embedded sets
    /// (repeatable); every file is validated at start, and again on SIGHUP.
    #[arg(long = "methodologies")]
    methodologies: Vec<PathBuf>,
    /// The largest request body, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    max_body: usize,
    /// Seconds a request may take before it is answered 503.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Requests at work at once; default: the machine's cores.
    #[arg(long)]
    concurrency: Option<usize>,
    /// Requests that may wait for their turn; the rest are answered 503 with Retry-After.
    #[arg(long, default_value_t = 256)]
    queue: usize,
    /// A file holding the token every route but /healthz then needs
    /// (`Authorization: Bearer <token>`).
    #[arg(long)]
    token_file: Option<PathBuf>,
}

pub(crate) fn run(a: Args) -> Outcome {
    let token = match &a.token_file {
        Some(p) => {
            let t = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read the token file {}: {e}", p.display()))?;
            let t = t.trim().to_owned();
            if t.is_empty() {
                return Err(format!("the token file {} is empty", p.display()));
            }
            Some(t)
        }
        None => None,
    };
    let mut config = par_index::serve::Config::new()
        .methodologies(a.methodologies.clone())
        .max_body(a.max_body)
        .timeout(Duration::from_secs(a.timeout.max(1)))
        .queue(a.queue)
        .token(token);
    if let Some(n) = a.concurrency {
        config = config.concurrency(n);
    }
    let workers = config.concurrency;
    let server = par_index::serve::Server::new(config).map_err(|e| e.to_string())?;
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
    if !a.listen.ip().is_loopback() {
        eprintln!(
            "warning: serving {} beyond this machine: put it behind a proxy with TLS and give it --token-file",
            a.listen
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(workers.max(1))
        .build()
        .map_err(|e| format!("cannot start the server's runtime: {e}"))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(a.listen)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", a.listen))?;
        // The address bound (a port of 0 is the one the system chose): tests and scripts read
        // it from this line.
        let bound = listener.local_addr().unwrap_or(a.listen);
        eprintln!("par-index serving on http://{bound}");
        par_index::serve::run(listener, server, shutdown())
            .await
            .map_err(|e| format!("the server stopped: {e}"))
    })
}

/// Ctrl-C or SIGTERM: stop taking requests, finish those in flight.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    eprintln!("par-index: shutting down, finishing the requests in flight");
}
