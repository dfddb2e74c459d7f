//! The HTTP layer of the NetBox bridge: a small client for NetBox 4.4's REST API.
//!
//! It speaks JSON only, authenticates with `Authorization: Token <t>`, follows `next` links
//! to read whole list endpoints, and turns every failure into a [`NetboxError`] that never
//! carries the token (neither its `Display` nor its `Debug` show it).

use std::time::Duration;

use serde_json::Value;

/// A NetBox instance: its base URL, the token and a connection pool.
pub struct Client {
    base: String,
    token: Option<String>,
    agent: ureq::Agent,
}

impl std::fmt::Debug for Client {
    // Hand-written so the token never reaches a log or a panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("token", &self.token.as_ref().map(|_| "<hidden>"))
            .finish()
    }
}

/// Why a request to NetBox failed.
#[derive(Debug)]
pub enum NetboxError {
    /// NetBox answered with an error status; `body` is its JSON answer (or the text as a
    /// JSON string when it was not JSON).
    Http {
        status: u16,
        method: &'static str,
        path: String,
        body: Value,
    },
    /// The request did not reach NetBox, or its answer did not arrive.
    Transport(String),
    /// NetBox answered, but not with the JSON expected.
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
            } => write!(f, "NetBox answered {status} to {method} {path}: {body}"),
            NetboxError::Transport(message) => write!(f, "cannot reach NetBox: {message}"),
            NetboxError::Decode(message) => write!(f, "unexpected answer from NetBox: {message}"),
        }
    }
}

impl std::error::Error for NetboxError {}

/// The page size asked of list endpoints; NetBox caps it at `MAX_PAGE_SIZE` (1000 by default).
const PAGE_SIZE: usize = 1000;

/// The most bytes one answer may hold: a page of 1000 devices is a few megabytes.
const BODY_LIMIT: u64 = 256 * 1024 * 1024;

impl Client {
    /// A client for the NetBox at `url` (e.g. `https://netbox.example.net`, with or without
    /// a trailing `/` or `/api`).
    pub fn new(url: &str, token: Option<&str>) -> Result<Client, NetboxError> {
        let trimmed = url.trim().trim_end_matches('/');
        let base = trimmed.strip_suffix("/api").unwrap_or(trimmed).to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(NetboxError::Transport(format!(
                "`{url}` is not an http:// or https:// URL"
            )));
        }
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(300)))
            .build();
        Ok(Client {
            base,
            token: token.filter(|t| !t.is_empty()).map(str::to_string),
            agent: ureq::Agent::new_with_config(config),
        })
    }

    /// Every object of a list endpoint (`/api/dcim/devices/`, query parameters allowed),
    /// following `next`, `limit=1000`.
    pub fn list(&self, path: &str) -> Result<Vec<Value>, NetboxError> {
        let separator = if path.contains('?') { '&' } else { '?' };
        let mut url = format!("{}{path}{separator}limit={PAGE_SIZE}", self.base);
        let mut objects = Vec::new();
        loop {
            let page = self.send("GET", &url, path, None)?;
            let results = page
                .get("results")
                .and_then(Value::as_array)
                .ok_or_else(|| NetboxError::Decode(format!("GET {path}: no `results` list")))?;
            objects.extend(results.iter().cloned());
            match page.get("next").and_then(Value::as_str) {
                Some(next) => url = self.same_origin(next),
                None => return Ok(objects),
            }
        }
    }

    /// Creates one object (a JSON object) or many (a JSON list); NetBox's answer.
    pub fn post(&self, path: &str, body: &Value) -> Result<Value, NetboxError> {
        self.send("POST", &format!("{}{path}", self.base), path, Some(body))
    }

    /// Updates one object, or many (a list of objects with their `id`); NetBox's answer.
    pub fn patch(&self, path: &str, body: &Value) -> Result<Value, NetboxError> {
        self.send("PATCH", &format!("{}{path}", self.base), path, Some(body))
    }

    /// Deletes one object, or many (a list of `{"id": ...}`).
    pub fn delete(&self, path: &str, body: &Value) -> Result<(), NetboxError> {
        self.send("DELETE", &format!("{}{path}", self.base), path, Some(body))
            .map(drop)
    }

    /// NetBox builds `next` from the host it sees, which behind a proxy may differ from
    /// the URL the user gave; only its path and query are kept.
    fn same_origin(&self, next: &str) -> String {
        let after_scheme = next.split_once("://").map_or(next, |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(slash) => format!("{}{}", self.base, &after_scheme[slash..]),
            None => next.to_string(),
        }
    }

    fn send(
        &self,
        method: &'static str,
        url: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, NetboxError> {
        let builder = ureq::http::Request::builder()
            .method(method)
            .uri(url)
            .header("Accept", "application/json");
        let builder = match &self.token {
            Some(token) => builder.header("Authorization", format!("Token {token}")),
            None => builder,
        };
        let transport = |e: ureq::Error| NetboxError::Transport(format!("{method} {path}: {e}"));
        let response = match body.filter(|b| !b.is_null()) {
            Some(body) => {
                let bytes =
                    serde_json::to_vec(body).map_err(|e| NetboxError::Decode(e.to_string()))?;
                let request = builder
                    .header("Content-Type", "application/json")
                    .body(bytes)
                    .map_err(|e| NetboxError::Transport(e.to_string()))?;
                self.agent.run(request).map_err(transport)?
            }
            None => {
                let request = builder
                    .body(())
                    .map_err(|e| NetboxError::Transport(e.to_string()))?;
                self.agent.run(request).map_err(transport)?
            }
        };
        let status = response.status().as_u16();
        let text = response
            .into_body()
            .with_config()
            .limit(BODY_LIMIT)
            .read_to_string()
            .map_err(transport)?;
        let json = if text.trim().is_empty() {
            Value::Null
        } else {
            match serde_json::from_str(&text) {
                Ok(json) => json,
                Err(_) if status >= 400 => Value::String(text),
                Err(e) => return Err(NetboxError::Decode(format!("{method} {path}: {e}"))),
            }
        };
        if status >= 400 {
            return Err(NetboxError::Http {
                status,
                method,
                path: path.to_string(),
                body: json,
            });
        }
        Ok(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let client = Client::new("https://netbox.example.net/api/", Some("s3cr3t")).unwrap();
        let debug = format!("{client:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        assert!(debug.contains("https://netbox.example.net"), "{debug}");
    }

    #[test]
    fn next_links_are_followed_on_the_url_the_user_gave() {
        let client = Client::new("https://netbox.example.net", None).unwrap();
        assert_eq!(
            client.same_origin("http://10.0.0.5:8080/api/dcim/devices/?limit=1000&offset=1000"),
            "https://netbox.example.net/api/dcim/devices/?limit=1000&offset=1000"
        );
    }

    #[test]
    fn a_url_without_a_scheme_is_refused() {
        assert!(matches!(
            Client::new("netbox.example.net", None),
            Err(NetboxError::Transport(_))
        ));
    }
}
