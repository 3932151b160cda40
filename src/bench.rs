//! `kehoach bench`: end-to-end throughput on a generated corpus.
//!
//! The corpus is made from the bundled plans (each copy slightly varied so
//! that no two files are byte-identical), written to a directory, and then
//! processed by child `kehoach extract` processes (one per thread count) so
//! that each run's peak RSS is its own. Figures are in input MB/s (10^6
//! bytes) and files/s.

use std::path::{Path, PathBuf};

/// Make `files` plan files totalling about `total_bytes` from `seeds`.
pub fn generate_corpus(
    seeds: &[Vec<u8>],
    dir: &Path,
    total_bytes: u64,
    files: usize,
) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let files = files.max(1);
    let per_file = (total_bytes / files as u64).max(1) as usize;
    let mut written = 0u64;
    for i in 0..files {
        let seed = &seeds[i % seeds.len()];
        let mut content = Vec::with_capacity(per_file + seed.len());
        content.extend_from_slice(format!("Bản số {i}\n").as_bytes());
        while content.len() < per_file {
            let room = per_file - content.len();
            if room >= seed.len() {
                content.extend_from_slice(seed);
            } else {
                // Cut at a line break so the text stays valid UTF-8.
                let cut = seed[..room]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1);
                if cut == 0 {
                    break;
                }
                content.extend_from_slice(&seed[..cut]);
            }
        }
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(sub.join(format!("plan_{i:06}.txt")), &content)?;
        written += content.len() as u64;
    }
    Ok(written)
}

/// Read every regular file directly under `dir` (the seeds).
pub fn read_seeds(dir: &Path) -> std::io::Result<Vec<Vec<u8>>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths.iter().map(std::fs::read).collect()
}

/// Peak resident set size of this process in KiB (Linux `VmHWM`), if known.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_has_the_requested_shape() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = vec!["dòng một\ndòng hai\n".as_bytes().to_vec()];
        let n = generate_corpus(&seeds, dir.path(), 1000, 10).unwrap();
        assert!((900..=1100).contains(&n), "{n}");
        let files: Vec<_> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .collect();
        assert_eq!(files.len(), 10);
        for f in files {
            assert!(std::str::from_utf8(&std::fs::read(f.path()).unwrap()).is_ok());
        }
        assert!(peak_rss_kib().is_some_and(|k| k > 0));
    }
}
