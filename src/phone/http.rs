//! Just enough HTTP/1.1 for one small page on the local network, and no more: a request
//! head of at most [`MAX_HEAD`] bytes, a body of at most [`MAX_BODY`] bytes announced with
//! `Content-Length` (no chunked bodies), one request per connection (`Connection: close`).
//! Parsing works on the bytes received so far ([`parse`]), so the connection loop never
//! waits on a client (see `conn`). Every way a request can be wrong has its own named
//! outcome.

use std::io::{self, Write};

/// Largest request head (request line and headers) accepted.
pub const MAX_HEAD: usize = 8 * 1024;
/// Largest request body accepted: a vote is a few dozen bytes.
pub const MAX_BODY: usize = 4 * 1024;
/// The most bytes a request can need: head, blank line, body.
pub const MAX_REQUEST: usize = MAX_HEAD + 4 + MAX_BODY;

/// A parsed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET` or `POST`.
    pub method: Method,
    /// The path, without the query.
    pub path: String,
    /// The query string after `?`, if any.
    pub query: Option<String>,
    /// Header names in lower case, with their values trimmed.
    pub headers: Vec<(String, String)>,
    /// The body (empty for `GET`).
    pub body: Vec<u8>,
}

impl Request {
    /// The first header of that (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// A cookie's value from the `Cookie` header(s).
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == "cookie")
            .flat_map(|(_, v)| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }
}

/// The methods this server knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Read a page or the state.
    Get,
    /// Send a vote.
    Post,
}

/// Why a request was refused before it was understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The head was longer than [`MAX_HEAD`].
    #[error("request head too large")]
    HeadTooLarge,
    /// The body was longer than [`MAX_BODY`].
    #[error("request body too large")]
    BodyTooLarge,
    /// A `POST` without `Content-Length`, or with a chunked body.
    #[error("length required")]
    LengthRequired,
    /// Not `GET` or `POST`.
    #[error("method not allowed")]
    Method,
    /// Not HTTP/1.x, not UTF-8, or otherwise not a request.
    #[error("malformed request")]
    Malformed,
}

impl Refusal {
    /// The status code that answers it.
    pub fn status(self) -> u16 {
        match self {
            Refusal::HeadTooLarge => 431,
            Refusal::BodyTooLarge => 413,
            Refusal::LengthRequired => 411,
            Refusal::Method => 405,
            Refusal::Malformed => 400,
        }
    }
}

/// Parses a request from the bytes received so far: `Ok(None)` while more must come,
/// the request once head and body are complete, or why it is refused. Never needs more
/// than `MAX_HEAD + 4 + MAX_BODY` bytes to decide.
pub fn parse(buf: &[u8]) -> Result<Option<Request>, Refusal> {
    let Some(head_end) = find(buf, b"\r\n\r\n") else {
        return if buf.len() > MAX_HEAD { Err(Refusal::HeadTooLarge) } else { Ok(None) };
    };
    if head_end > MAX_HEAD {
        return Err(Refusal::HeadTooLarge);
    }
    let head = std::str::from_utf8(&buf[..head_end]).map_err(|_| Refusal::Malformed)?;
    let mut lines = head.split("\r\n");
    let mut parts = lines.next().unwrap_or_default().split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::Malformed);
    };
    if !matches!(version, "HTTP/1.1" | "HTTP/1.0") || !target.starts_with('/') {
        return Err(Refusal::Malformed);
    }
    let mut headers = Vec::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { return Err(Refusal::Malformed) };
        if name.is_empty() || name.contains(char::is_whitespace) {
            // Also refuses obsolete line folding (a continuation line starts with a space).
            return Err(Refusal::Malformed);
        }
        headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
    }
    let method = match method {
        "GET" => Method::Get,
        "POST" => Method::Post,
        _ => return Err(Refusal::Method),
    };
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), Some(q.to_string())),
        None => (target.to_string(), None),
    };
    let mut request = Request { method, path, query, headers, body: Vec::new() };
    if request.header("transfer-encoding").is_some() {
        return Err(Refusal::LengthRequired);
    }
    let lengths: Vec<&str> = request
        .headers
        .iter()
        .filter(|(n, _)| n == "content-length")
        .map(|(_, v)| v.as_str())
        .collect();
    let length = match (method, lengths.as_slice()) {
        (_, []) if method == Method::Get => 0,
        (_, []) => return Err(Refusal::LengthRequired),
        (_, [one]) => one.parse::<usize>().map_err(|_| Refusal::Malformed)?,
        // Two lengths are how requests get smuggled past a proxy: refuse, not guess.
        _ => return Err(Refusal::Malformed),
    };
    if length > MAX_BODY {
        return Err(Refusal::BodyTooLarge);
    }
    let body = &buf[head_end + 4..];
    match body.len() {
        // One request per connection: bytes after the body are not another request.
        n if n > length => Err(Refusal::Malformed),
        n if n < length => Ok(None),
        _ => {
            request.body = body.to_vec();
            Ok(Some(request))
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A response, written whole with its length and closed after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Extra headers (type, cookie, location, retry-after).
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a body of this content type.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: body.into(),
        }
    }

    /// An HTML page.
    pub fn html(status: u16, body: String) -> Response {
        Response::new(status, "text/html; charset=utf-8", body)
    }

    /// A JSON answer.
    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response::new(status, "application/json", value.to_string())
    }

    /// A plain text answer (for requests that never reach the page).
    pub fn text(status: u16, text: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", text.to_string())
    }

    /// Adds a header.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    /// The response as bytes; `security` are headers every response carries.
    pub fn to_bytes(&self, security: &[(&str, String)]) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.body.len() + 1024);
        // Writing to a Vec cannot fail.
        let _ = self.write_to(&mut out, security);
        out
    }

    /// Writes the response; `security` are headers every response carries.
    pub fn write_to(&self, w: &mut impl Write, security: &[(&str, String)]) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in
            security.iter().map(|(n, v)| (*n, v)).chain(self.headers.iter().map(|(n, v)| (*n, v)))
        {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", self.body.len()));
        w.write_all(head.as_bytes())?;
        w.write_all(&self.body)?;
        w.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        303 => "See Other",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        421 => "Misdirected Request",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// The value of `name` in an `application/x-www-form-urlencoded` body or query.
pub fn form_value(form: &str, name: &str) -> Option<String> {
    form.split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(n, _)| percent_decode(n).as_deref() == Some(name))
        .and_then(|(_, v)| percent_decode(v))
}

/// Decodes `%XX` and `+`; `None` for a broken escape or text that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_are_decoded_and_broken_escapes_refused() {
        assert_eq!(form_value("round=3&option=a-b", "option").as_deref(), Some("a-b"));
        assert_eq!(form_value("x=1&option=%C3%A9+z", "option").as_deref(), Some("é z"));
        assert_eq!(form_value("option=%zz", "option"), None);
        assert_eq!(form_value("option=%C3", "option"), None, "not UTF-8");
        assert_eq!(form_value("round=3", "option"), None);
        assert_eq!(form_value("option", "option").as_deref(), Some(""));
    }

    #[test]
    fn a_request_is_complete_only_with_its_whole_body() {
        let full = b"POST /j/X/vote HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello";
        for cut in [0, 10, 40, full.len() - 1] {
            assert_eq!(parse(&full[..cut]), Ok(None), "{cut} bytes are not a request yet");
        }
        let request = parse(full).expect("parses").expect("complete");
        assert_eq!((request.method, request.body.as_slice()), (Method::Post, &b"hello"[..]));
        assert_eq!(request.header("host"), Some("h"));
        let mut more = full.to_vec();
        more.push(b'!');
        assert_eq!(parse(&more), Err(Refusal::Malformed), "a second request is not read");
        assert_eq!(parse(&vec![b'x'; MAX_HEAD + 1]), Err(Refusal::HeadTooLarge));
        let big = format!("POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n", MAX_BODY + 1);
        assert_eq!(parse(big.as_bytes()), Err(Refusal::BodyTooLarge), "refused before the body");
        assert_eq!(
            parse(b"GET /?a=1 HTTP/1.0\r\n\r\n").expect("ok").map(|r| r.query),
            Some(Some("a=1".into()))
        );
    }

    #[test]
    fn cookies_are_found_among_others() {
        let r = Request {
            method: Method::Get,
            path: "/".into(),
            query: None,
            headers: vec![("cookie".into(), "a=1; wikken=abc; b=2".into())],
            body: Vec::new(),
        };
        assert_eq!(r.cookie("wikken"), Some("abc"));
        assert_eq!(r.cookie("c"), None);
    }
}
