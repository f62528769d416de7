//! Serving the API: HTTPS with the centre's certificate (rustls), or plain HTTP on a loopback
//! address only when asked (`--insecure-http`, for tests). [`Running`] runs a centre on its own
//! runtime thread, for the command line, tests and benchmarks alike.

use crate::error::{CentreError, Result};
use crate::{open_storage, Centre, DataDir, Location};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Where the data is.
    pub location: Location,
    /// The address to listen on (port 0: any free port).
    pub listen: SocketAddr,
    /// Plain HTTP (only on a loopback address).
    pub insecure_http: bool,
    /// Numbers per block.
    pub block_size: i64,
    /// The event text a page of pull or own holds at most: [`crate::http::MAX_PAGE_BYTES`],
    /// smaller in tests so that a few ordinary events take several pages.
    pub page_bytes: i64,
}

fn tls_config(identity: &crate::Identity) -> Result<Arc<rustls::ServerConfig>> {
    let certs = rustls_pemfile::certs(&mut identity.cert_pem.as_bytes())
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| CentreError::Tls(e.to_string()))?;
    let key = rustls_pemfile::private_key(&mut identity.key_pem.as_bytes())
        .map_err(|e| CentreError::Tls(e.to_string()))?
        .ok_or_else(|| CentreError::Tls("no private key".into()))?;
    // ring: see otau_sync::client::tls.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| CentreError::Tls(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| CentreError::Tls(e.to_string()))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Serves until `stop` resolves.
pub async fn serve(
    centre: Arc<Centre>,
    listener: TcpListener,
    insecure_http: bool,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let router = crate::http::router(centre.clone());
    let io = |e: std::io::Error| CentreError::Io { path: "listener".into(), reason: e.to_string() };
    if insecure_http {
        let addr = listener.local_addr().map_err(io)?;
        if !addr.ip().is_loopback() {
            return Err(CentreError::bad("listen", "plain HTTP only on a loopback address"));
        }
        return axum::serve(listener, router).with_graceful_shutdown(stop).await.map_err(io);
    }
    let acceptor = tokio_rustls::TlsAcceptor::from(tls_config(&centre.identity)?);
    let mut stop = Box::pin(stop);
    loop {
        let (stream, _) = tokio::select! {
            _ = &mut stop => return Ok(()),
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(_) => continue,
            },
        };
        let acceptor = acceptor.clone();
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let Ok(tls) = acceptor.accept(stream).await else { return };
            let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}

/// A centre serving on a thread of its own.
pub struct Running {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// Its identity.
    pub identity: crate::Identity,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Running {
    /// Opens the centre at `options.location` and serves it until [`Running::stop`].
    pub fn start(options: ServeOptions) -> Result<Running> {
        let identity = DataDir::new(&options.location.data).load()?;
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Result<SocketAddr>>();
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let id = identity.clone();
        let thread = std::thread::spawn(move || -> Result<()> {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .map_err(|e| CentreError::Io { path: "runtime".into(), reason: e.to_string() })?;
            runtime.block_on(async move {
                let started = async {
                    let storage = open_storage(&id, &options.location).await?;
                    let centre = Arc::new(Centre {
                        identity: id,
                        storage,
                        block_size: options.block_size,
                        page_bytes: options.page_bytes,
                    });
                    let listener = TcpListener::bind(options.listen).await.map_err(|e| {
                        CentreError::Io { path: options.listen.to_string(), reason: e.to_string() }
                    })?;
                    let addr = listener.local_addr().map_err(|e| CentreError::Io {
                        path: options.listen.to_string(),
                        reason: e.to_string(),
                    })?;
                    Ok::<_, CentreError>((centre, listener, addr))
                };
                match started.await {
                    Ok((centre, listener, addr)) => {
                        let _ = ready_tx.send(Ok(addr));
                        serve(centre, listener, options.insecure_http, async move {
                            let _ = stop_rx.await;
                        })
                        .await
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        Ok(())
                    }
                }
            })
        });
        let addr = ready_rx.recv().map_err(|_| CentreError::Io {
            path: "server".into(),
            reason: "did not start".into(),
        })??;
        Ok(Running { addr, identity, stop: Some(stop_tx), thread: Some(thread) })
    }

    /// The base URL (`https://127.0.0.1:PORT` or `http://…`).
    pub fn url(&self, insecure_http: bool) -> String {
        format!("{}://{}", if insecure_http { "http" } else { "https" }, self.addr)
    }

    /// Stops serving and waits for the thread.
    pub fn stop(mut self) -> Result<()> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> Result<()> {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        match self.thread.take().map(|t| t.join()) {
            Some(Ok(r)) => r,
            Some(Err(_)) => {
                Err(CentreError::Io { path: "server".into(), reason: "panicked".into() })
            }
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

impl Running {
    /// Serves until the process is asked to stop (Ctrl-C or SIGTERM), then stops.
    pub fn wait_for_signal(self) -> Result<()> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| CentreError::Io { path: "runtime".into(), reason: e.to_string() })?;
        runtime.block_on(async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{signal, SignalKind};
                match signal(SignalKind::terminate()) {
                    Ok(mut term) => {
                        tokio::select! {
                            _ = tokio::signal::ctrl_c() => {},
                            _ = term.recv() => {},
                        }
                    }
                    Err(_) => {
                        let _ = tokio::signal::ctrl_c().await;
                    }
                }
            }
            #[cfg(not(unix))]
            {
                let _ = tokio::signal::ctrl_c().await;
            }
        });
        self.stop()
    }
}
