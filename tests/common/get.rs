//! A plain HTTP/1.1 GET for tests that talk to a running `gongkai serve`.

use std::io::{Read, Write};
use std::time::Duration;

/// The body of `GET path` from the server at `addr` (`127.0.0.1:PORT`, with or without
/// `http://`), when it answers 200; nothing while it is not up or on any other answer.
pub fn get(addr: &str, path: &str) -> Option<String> {
    let (status, body) = answer(addr, path)?;
    (status == 200).then_some(body)
}

/// The status and body of `GET path`, whatever the status; nothing while the server is not up.
pub fn answer(addr: &str, path: &str) -> Option<(u16, String)> {
    let addr = addr.trim_start_matches("http://").trim_end_matches('/');
    let mut s = std::net::TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).ok()?;
    let text = String::from_utf8(out).ok()?;
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()?;
    Some((status, body.to_string()))
}
