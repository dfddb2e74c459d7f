//! The HTTP client of NetBox's REST API: list (following `next`), bulk create, update and
//! delete, with the token in the `Authorization` header and nowhere else.
//!
//! HTTP is `ureq` (small, maintained, synchronous; TLS through rustls), so this module
//! holds no HTTP of its own. The client never prints, and neither its `Debug` nor its
//! errors carry the token.

use std::time::Duration;

use serde_json::Value;

/// A NetBox API endpoint and the credentials to use it.
pub struct Client {
    /// The base URL without a trailing `/`, e.g. `http://127.0.0.1:8000`.
    base: String,
    /// The whole `Authorization` header value (`Token <t>`), kept out of `Debug`.
    authorization: Option<String>,
    agent: ureq::Agent,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("token", &self.authorization.as_ref().map(|_| "<hidden>"))
            .finish()
    }
}

/// Why a request failed.
#[derive(Debug, Clone)]
pub enum NetboxError {
    /// NetBox answered with a status that is not a success; `body` is its JSON answer (or
    /// the text as a JSON string when it is not JSON).
    Http {
        status: u16,
        method: &'static str,
        path: String,
        body: Value,
    },
    /// No answer: the connection, TLS or a timeout failed.
    Transport(String),
    /// An answer that is not the JSON expected.
    Decode(String),
}

impl std::fmt::Display for NetboxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NetboxError::Http {
                status,
                method,
                path,
                body,
            } => {
                let text = match body {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                let text: String = text.chars().take(400).collect();
                write!(f, "NetBox answered {status} to {method} {path}: {text}")
            }
            NetboxError::Transport(message) => write!(f, "cannot reach NetBox: {message}"),
            NetboxError::Decode(message) => write!(f, "unexpected answer from NetBox: {message}"),
        }
    }
}

/// The page size of list requests: NetBox's default `MAX_PAGE_SIZE`.
const PAGE: usize = 1000;

impl Client {
    /// A client of the NetBox at `url` (`http://host:port`, with or without a trailing
    /// `/`), authenticated by `token` when given.
    pub fn new(url: &str, token: Option<&str>) -> Result<Client, NetboxError> {
        let base = url.trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(NetboxError::Transport(format!(
                "`{}` is not an http:// or https:// URL",
                crate::diag::quote(&base)
            )));
        }
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // NetBox traces every new cable's path inside the request: a bulk create of
            // a few dozen cables took minutes on a loaded test machine.
            .timeout_global(Some(Duration::from_secs(1800)))
            // gunicorn (NetBox's server) closes an idle keep-alive connection after 2 s; a
            // pooled connection kept longer is reset when the next request, often a POST
            // that cannot be retried, is written on it. Drop idle ones before then.
            .max_idle_age(Duration::from_secs(1))
            .user_agent(concat!("netsot/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Client {
            base,
            authorization: token.map(|t| format!("Token {}", t.trim())),
            agent: ureq::Agent::new_with_config(config),
        })
    }

    /// The base URL, for messages (it holds no secret).
    pub fn url(&self) -> &str {
        &self.base
    }

    /// Every object of a list endpoint (`/api/dcim/devices/`), following `next`,
    /// `limit=1000`.
    pub fn list(&self, path: &str) -> Result<Vec<Value>, NetboxError> {
        let separator = if path.contains('?') { '&' } else { '?' };
        let mut url = format!("{}{path}{separator}limit={PAGE}", self.base);
        let mut objects = Vec::new();
        loop {
            let page = self.get(path, &url)?;
            let Some(results) = page.get("results").and_then(Value::as_array) else {
                return Err(NetboxError::Decode(format!(
                    "GET {path}: no `results` list in the answer"
                )));
            };
            objects.extend(results.iter().cloned());
            match page.get("next").and_then(Value::as_str) {
                Some(next) => url = self.same_origin(next),
                None => return Ok(objects),
            }
        }
    }

    /// Creates one object (a JSON object) or many (a JSON list); NetBox answers with what
    /// it created, in the same shape.
    pub fn post(&self, path: &str, body: &Value) -> Result<Value, NetboxError> {
        self.request("POST", path, &format!("{}{path}", self.base), Some(body))
    }

    /// Updates one object, or many (a list of objects carrying their `id`).
    pub fn patch(&self, path: &str, body: &Value) -> Result<Value, NetboxError> {
        self.request("PATCH", path, &format!("{}{path}", self.base), Some(body))
    }

    /// Deletes the objects listed as `[{"id": N}, ...]` (or one object's path with an
    /// empty body).
    /// Deleting twice deletes the same objects (NetBox's bulk delete takes the ids that
    /// still exist), so it is tried again like a read.
    pub fn delete(&self, path: &str, body: &Value) -> Result<(), NetboxError> {
        let url = format!("{}{path}", self.base);
        self.again("DELETE", path, &url, Some(body)).map(|_| ())
    }

    fn get(&self, path: &str, url: &str) -> Result<Value, NetboxError> {
        self.again("GET", path, url, None)
    }

    /// An idempotent request, tried again twice when no answer came: a busy NetBox's
    /// gunicorn drops connections when a worker restarts, and asking twice changes nothing.
    /// A read is also tried again when NetBox fails with a server error: a list read while
    /// someone deletes related objects can fail inside NetBox (4.4.10 answered 500,
    /// `VirtualCircuit matching query does not exist`, to a list of interfaces read while
    /// a virtual circuit was deleted), and the same read a moment later succeeds.
    fn again(
        &self,
        method: &'static str,
        path: &str,
        url: &str,
        body: Option<&Value>,
    ) -> Result<Value, NetboxError> {
        let mut attempt = 0;
        loop {
            match self.request(method, path, url, body) {
                Err(NetboxError::Transport(_)) if attempt < 2 => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_secs(2 * attempt));
                }
                Err(NetboxError::Http { status, .. })
                    if method == "GET" && status >= 500 && attempt < 2 =>
                {
                    attempt += 1;
                    std::thread::sleep(Duration::from_secs(2 * attempt));
                }
                result => return result,
            }
        }
    }

    /// NetBox writes `next` with the host it was asked by, which behind a proxy may differ
    /// from ours; keep our base and take only the path and query.
    fn same_origin(&self, next: &str) -> String {
        match next.find("/api/") {
            Some(at) => format!("{}{}", self.base, &next[at..]),
            None => next.to_string(),
        }
    }

    fn request(
        &self,
        method: &'static str,
        path: &str,
        url: &str,
        body: Option<&Value>,
    ) -> Result<Value, NetboxError> {
        let request = ureq::http::Request::builder()
            .method(method)
            .uri(url)
            .header("Accept", "application/json");
        let request = match &self.authorization {
            Some(authorization) => request.header("Authorization", authorization.as_str()),
            None => request,
        };
        let result = match body {
            Some(body) => {
                let bytes = serde_json::to_vec(body)
                    .map_err(|e| NetboxError::Decode(format!("{method} {path}: {e}")))?;
                let request = request
                    .header("Content-Type", "application/json")
                    .body(bytes)
                    .map_err(|e| NetboxError::Transport(e.to_string()))?;
                self.agent.run(request)
            }
            None => {
                let request = request
                    .body(())
                    .map_err(|e| NetboxError::Transport(e.to_string()))?;
                self.agent.run(request)
            }
        };
        let mut response = result.map_err(|e| NetboxError::Transport(e.to_string()))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .map_err(|e| NetboxError::Transport(format!("{method} {path}: {e}")))?;
        let value = if text.trim().is_empty() {
            Value::Null
        } else {
            match serde_json::from_str(&text) {
                Ok(value) => value,
                Err(_) if !(200..300).contains(&status) => Value::String(text),
                Err(e) => {
                    return Err(NetboxError::Decode(format!(
                        "{method} {path}: not JSON ({e})"
                    )))
                }
            }
        };
        if (200..300).contains(&status) {
            Ok(value)
        } else {
            Err(NetboxError::Http {
                status,
                method,
                path: path.to_string(),
                body: value,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_never_in_debug() {
        let client = Client::new("http://127.0.0.1:1/", Some("0123456789abcdef")).unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("0123456789abcdef"), "{shown}");
        assert!(shown.contains("http://127.0.0.1:1"), "{shown}");
    }

    #[test]
    fn a_url_without_scheme_is_refused() {
        assert!(matches!(
            Client::new("netbox.example", None),
            Err(NetboxError::Transport(_))
        ));
    }

    #[test]
    fn an_unreachable_netbox_is_a_transport_error_without_the_token() {
        // Port 1 on the loopback refuses connections at once.
        let client = Client::new("http://127.0.0.1:1", Some("secret-token-value")).unwrap();
        let error = client.list("/api/status/").unwrap_err();
        assert!(matches!(error, NetboxError::Transport(_)), "{error:?}");
        assert!(!format!("{error} {error:?}").contains("secret-token-value"));
    }
}
