//! CR LF and lone CR become LF: the number of line breaks never changes.

use super::{Log, Options};

pub(super) fn apply(input: &str, _: &Options, log: &mut Log) -> Option<String> {
    let bytes = input.as_bytes();
    let first = memchr::memchr(b'\r', bytes)?;
    let mut out = String::with_capacity(input.len());
    out.push_str(&input[..first]);
    let mut i = first;
    let mut last = first;
    while let Some(off) = memchr::memchr(b'\r', &bytes[i..]) {
        let cr = i + off;
        out.push_str(&input[last..cr]);
        out.push('\n');
        log.stats_mut().line_endings += 1;
        i = if bytes.get(cr + 1) == Some(&b'\n') {
            cr + 2
        } else {
            cr + 1
        };
        last = i;
    }
    out.push_str(&input[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_cr() {
        let mut log = Log::new(false);
        let out = apply("a\r\nb\rc\n\r\n", &Options::default(), &mut log).unwrap();
        assert_eq!(out, "a\nb\nc\n\n");
        assert_eq!(log.stats.line_endings, 3);
        assert!(apply("no breaks\n", &Options::default(), &mut log).is_none());
    }
}
