//! Signed result bundles (issue 27): a bundle of the province sample made and verified; the
//! same inputs and key give the same bytes; every kind of tampering caught with its own
//! reason; keys that are wrong refused; and minisign's own tool agreeing in both directions
//! (`.ci/run` installs Debian's `minisign` and sets `PAR_INDEX_MINISIGN=required`).
#![cfg(feature = "sign")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use par_index::bundle::{
    Bundle, BundleCheck, MANIFEST, Manifest, Publication, SIGNATURE, SigningKey, Sources, keygen,
    publish, verify_bundle, verify_bundle_zip,
};

const P: &str = "examples/data/province";

fn province() -> Sources {
    let mut s = Sources::new(&[format!("{P}/2025")]);
    s.survey = Some(format!("{P}/2025/survey.json").into());
    s.roster = Some(format!("{P}/roster.csv").into());
    s
}

fn publication() -> Publication {
    Publication::new("2025", "Sở Nội vụ thành phố Hải Phòng").decision("số 12/QĐ-UBND")
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("par-index-bundle-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// A bundle written to a fresh folder, with its keys.
struct Made {
    dir: PathBuf,
    bundle: Bundle,
    public: String,
    key: SigningKey,
}

fn made(name: &str) -> Made {
    let k = keygen(None).unwrap();
    let key = SigningKey::from_text(&k.secret, None, "k").unwrap();
    let bundle = publish(&province(), &publication(), &key).unwrap();
    let dir = temp(name);
    bundle.write_dir(&dir).unwrap();
    Made {
        dir,
        bundle,
        public: k.public,
        key,
    }
}

fn check(m: &Made) -> BundleCheck {
    verify_bundle(&m.dir, &m.public, "k.pub").unwrap()
}

/// Every finding of a check, on one line each.
fn findings(c: &BundleCheck) -> String {
    let mut out: Vec<String> = c.problems.clone();
    out.extend(
        c.units
            .iter()
            .filter_map(|(u, w)| w.as_ref().map(|w| format!("{u}: {w}"))),
    );
    out.join("\n")
}

/// Re-sign the manifest after editing it as `edit` says (an insider with the key).
fn resign(m: &Made, edit: impl FnOnce(&mut Manifest)) {
    let path = m.dir.join(MANIFEST);
    let mut manifest: Manifest = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    edit(&mut manifest);
    let mut text = serde_json::to_string_pretty(&manifest).unwrap();
    text.push('\n');
    std::fs::write(&path, &text).unwrap();
    let old = std::fs::read_to_string(m.dir.join(SIGNATURE)).unwrap();
    let tc = old
        .lines()
        .find_map(|l| l.strip_prefix("trusted comment: "))
        .unwrap()
        .to_owned();
    std::fs::write(
        m.dir.join(SIGNATURE),
        m.key.sign(text.as_bytes(), &tc, "edited"),
    )
    .unwrap();
}

fn digest_of(dir: &Path, name: &str) -> String {
    let bytes = std::fs::read(name.split('/').fold(dir.to_path_buf(), |p, s| p.join(s))).unwrap();
    par_index::canonical::sha256_hex(&bytes)
}

#[test]
fn the_province_is_published_and_verified_and_made_again_byte_for_byte() {
    let m = made("province");
    let c = check(&m);
    assert!(c.ok(), "{}", findings(&c));
    // 63 communes and 14 departments of 2025 (examples/data/province/README.md).
    assert_eq!(c.units.len(), 77);
    assert_eq!(
        c.trusted_comment.as_deref(),
        Some(
            "par-index bundle; period: 2025; issuer: Sở Nội vụ thành phố Hải Phòng; decision: số 12/QĐ-UBND"
        )
    );
    assert_eq!(c.manifest_sha256, m.bundle.manifest_sha256);
    let manifest: Manifest = serde_json::from_slice(&m.bundle.files[MANIFEST]).unwrap();
    assert_eq!(manifest.statement_type, "https://in-toto.io/Statement/v1");
    let names: Vec<&str> = manifest.subject.iter().map(|s| s.name.as_str()).collect();
    for must in [
        "inputs/2025/HP-X01.json",
        "inputs/survey.json",
        "inputs/roster.csv",
        "inputs/methodologies/commune-2025-model.toml",
        "inputs/methodologies/department-2025-model.toml",
        "results/scorecards/HP-X01.json",
        "results/ranking.json",
        "results/ranking.html",
        "results/ranking.xlsx",
    ] {
        assert!(names.contains(&must), "{must} not in the manifest");
    }
    // The cover page names the manifest's hash and says how to check, in both languages.
    let cover = String::from_utf8(m.bundle.files["index.html"].clone()).unwrap();
    assert!(cover.contains(&m.bundle.manifest_sha256));
    assert!(cover.contains("par-index verify-bundle") && cover.contains("Anyone can check them"));
    assert!(cover.contains("Mọi người có thể tự kiểm tra"));
    // The same inputs and key: the same bytes, the signature too (RFC 8032 is deterministic).
    let again = publish(&province(), &publication(), &m.key).unwrap();
    assert_eq!(again, m.bundle);
    // A scorecard published is the one `par-index score`/`appraise` would give: it verifies.
    let card = par_index::Scorecard::from_json(
        std::str::from_utf8(&m.bundle.files["results/scorecards/HP-X01.json"]).unwrap(),
    )
    .unwrap();
    let set = par_index::catalog::get(&card.methodology.id).unwrap();
    assert!(par_index::verify(&card, set).is_ok());
    std::fs::remove_dir_all(&m.dir).unwrap();
}

#[test]
fn every_file_changed_by_one_byte_is_caught() {
    // The district (22 units, their stage files): every file of its bundle, one at a time.
    let k = keygen(None).unwrap();
    let key = SigningKey::from_text(&k.secret, None, "k").unwrap();
    let mut sources = Sources::new(&["examples/data/district"]);
    sources.survey = Some("examples/data/district/survey.json".into());
    let bundle = publish(&sources, &Publication::new("2024", "Phòng Nội vụ"), &key).unwrap();
    let dir = temp("bytes");
    bundle.write_dir(&dir).unwrap();
    let m = Made {
        dir,
        bundle,
        public: k.public,
        key,
    };
    let names: Vec<String> = m.bundle.files.keys().cloned().collect();
    for name in names {
        let path = name.split('/').fold(m.dir.clone(), |p, s| p.join(s));
        let original = std::fs::read(&path).unwrap();
        let mut changed = original.clone();
        let at = changed.len() / 2;
        changed[at] ^= 0x01;
        std::fs::write(&path, &changed).unwrap();
        let c = verify_bundle(&m.dir, &m.public, "k.pub");
        let caught = match &c {
            Ok(c) => !c.ok(),
            Err(_) => true,
        };
        assert!(caught, "{name}: a changed byte passed");
        if let Ok(c) = &c
            && name != MANIFEST
            && name != SIGNATURE
        {
            let f = findings(c);
            assert!(f.contains(&name) || f.contains("signature"), "{name}: {f}");
        }
        std::fs::write(&path, &original).unwrap();
    }
    assert!(check(&m).ok());
    std::fs::remove_dir_all(&m.dir).unwrap();
}

#[test]
fn each_tampering_has_its_own_reason() {
    let m = made("tamper");
    let card = m.dir.join("results/scorecards/HP-X02.json");
    // A file removed.
    let kept = std::fs::read(&card).unwrap();
    std::fs::remove_file(&card).unwrap();
    let f = findings(&check(&m));
    assert!(
        f.contains("results/scorecards/HP-X02.json: listed in the manifest, missing"),
        "{f}"
    );
    std::fs::write(&card, &kept).unwrap();
    // A file added.
    std::fs::write(m.dir.join("results/extra.txt"), "x").unwrap();
    let f = findings(&check(&m));
    assert!(
        f.contains("results/extra.txt: not listed in the manifest (added)"),
        "{f}"
    );
    std::fs::remove_file(m.dir.join("results/extra.txt")).unwrap();
    assert!(check(&m).ok());

    let manifest_path = m.dir.join(MANIFEST);
    let manifest = std::fs::read_to_string(&manifest_path).unwrap();
    // A digest in the manifest edited (without the key): the signature fails.
    let digest = digest_of(&m.dir, "results/scorecards/HP-X02.json");
    std::fs::write(&manifest_path, manifest.replace(&digest, &"0".repeat(64))).unwrap();
    let c = check(&m);
    assert!(
        c.trusted_comment.is_none() && findings(&c).contains("signature"),
        "{}",
        findings(&c)
    );
    // The predicate edited: the signature fails.
    std::fs::write(&manifest_path, manifest.replace("\"2025\"", "\"2026\"")).unwrap();
    assert!(check(&m).trusted_comment.is_none());
    std::fs::write(&manifest_path, &manifest).unwrap();

    // The trusted comment edited: the global signature fails.
    let sig_path = m.dir.join(SIGNATURE);
    let sig = std::fs::read_to_string(&sig_path).unwrap();
    std::fs::write(&sig_path, sig.replace("Hải Phòng", "Hà Nội")).unwrap();
    assert!(findings(&check(&m)).contains("trusted comment is not what was signed"));
    // A signature by another key.
    let other = SigningKey::from_text(&keygen(None).unwrap().secret, None, "other").unwrap();
    let tc = "par-index bundle; period: 2025; issuer: Sở Nội vụ thành phố Hải Phòng; decision: số 12/QĐ-UBND";
    std::fs::write(&sig_path, other.sign(manifest.as_bytes(), tc, "x")).unwrap();
    assert!(findings(&check(&m)).contains("signed by another key"));
    std::fs::write(&sig_path, &sig).unwrap();
    assert!(check(&m).ok());

    // A scorecard and its digest edited consistently, re-signed with the key: the
    // recomputation catches it.
    let text = String::from_utf8(kept.clone()).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["index"] = serde_json::json!("99.99");
    std::fs::write(&card, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
    let new = digest_of(&m.dir, "results/scorecards/HP-X02.json");
    resign(&m, |mf| {
        for s in &mut mf.subject {
            if s.name == "results/scorecards/HP-X02.json" {
                s.digest.insert("sha256".into(), new.clone());
            }
        }
    });
    let c = check(&m);
    assert!(c.trusted_comment.is_some(), "{}", findings(&c));
    assert!(
        findings(&c).contains("HP-X02: the published scorecard is not what its inputs score to"),
        "{}",
        findings(&c)
    );
    std::fs::remove_dir_all(&m.dir).unwrap();
}

#[test]
fn a_stage_file_swapped_for_another_unit_s_is_caught() {
    let k = keygen(None).unwrap();
    let key = SigningKey::from_text(&k.secret, None, "k").unwrap();
    let mut sources = Sources::new(&["examples/data/district"]);
    sources.survey = Some("examples/data/district/survey.json".into());
    let b = publish(&sources, &Publication::new("2024", "Phòng Nội vụ"), &key).unwrap();
    let dir = temp("stage");
    b.write_dir(&dir).unwrap();
    let m = Made {
        dir,
        bundle: b,
        public: k.public,
        key,
    };
    assert!(check(&m).ok());
    // NG-01's final appraisal replaced by NG-03's, the manifest made to agree and re-signed.
    let mine = "inputs/district/appraisals/NG-01.final.json";
    let theirs = m.dir.join("inputs/district/appraisals/NG-03.final.json");
    let path = m.dir.join(mine);
    std::fs::copy(&theirs, &path).unwrap();
    let new = digest_of(&m.dir, mine);
    resign(&m, |mf| {
        for s in &mut mf.subject {
            if s.name == mine {
                s.digest.insert("sha256".into(), new.clone());
            }
        }
    });
    let c = check(&m);
    assert!(!c.ok());
    assert!(c.trusted_comment.is_some());
    assert!(!findings(&c).is_empty());
    std::fs::remove_dir_all(&m.dir).unwrap();
}

#[test]
fn wrong_keys_are_refused_with_the_reason() {
    let k = keygen(Some("mật khẩu đúng")).unwrap();
    assert!(k.secret.contains("protected"));
    let err = SigningKey::from_text(&k.secret, Some("sai"), "k").unwrap_err();
    assert!(err.to_string().contains("wrong passphrase"), "{err}");
    let err = SigningKey::from_text(&k.secret, None, "k").unwrap_err();
    assert!(
        err.to_string().contains("protected by a passphrase"),
        "{err}"
    );
    assert!(SigningKey::from_text(&k.secret, Some("mật khẩu đúng"), "k").is_ok());
    // Truncated.
    let unprotected = keygen(None).unwrap().secret;
    let cut = &unprotected[..unprotected.len() / 2];
    let err = SigningKey::from_text(cut, None, "cut.key").unwrap_err();
    assert!(err.to_string().starts_with("cut.key: "), "{err}");
    assert!(keygen(Some("")).is_err());
    let sig = SigningKey::from_text(&unprotected, None, "k")
        .unwrap()
        .sign(b"x", "t", "u");
    assert!(par_index::bundle::verify_signature("not a key", b"x", &sig, "k.pub").is_err());
}

fn minisign() -> bool {
    let there = std::process::Command::new("minisign")
        .arg("-v")
        .output()
        .is_ok();
    if !there {
        assert!(
            std::env::var("PAR_INDEX_MINISIGN").as_deref() != Ok("required"),
            "no minisign found, and PAR_INDEX_MINISIGN=required"
        );
        eprintln!("skipped: no minisign (apt-get install minisign)");
    }
    there
}

#[test]
fn minisign_s_tool_agrees_in_both_directions() {
    if !minisign() {
        return;
    }
    // par-index signs, minisign verifies.
    let m = made("interop");
    let pubkey = m.dir.with_extension("pub");
    std::fs::write(&pubkey, &m.public).unwrap();
    let out = std::process::Command::new("minisign")
        .args(["-V", "-p"])
        .arg(&pubkey)
        .arg("-m")
        .arg(m.dir.join(MANIFEST))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("issuer: Sở Nội vụ thành phố Hải Phòng"));

    // minisign makes the key and signs; par-index publishes with that key and verifies
    // minisign's own signature of the manifest.
    let keys = temp("minisign-keys");
    std::fs::create_dir_all(&keys).unwrap();
    let (pk, sk) = (keys.join("mk.pub"), keys.join("mk.key"));
    let made = std::process::Command::new("minisign")
        .args(["-G", "-W", "-p"])
        .arg(&pk)
        .arg("-s")
        .arg(&sk)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let key =
        SigningKey::from_text(&std::fs::read_to_string(&sk).unwrap(), None, "mk.key").unwrap();
    let b = publish(&province(), &publication(), &key).unwrap();
    let dir = temp("minisign-bundle");
    b.write_dir(&dir).unwrap();
    let public = std::fs::read_to_string(&pk).unwrap();
    assert!(verify_bundle(&dir, &public, "mk.pub").unwrap().ok());
    let sig = std::fs::read_to_string(dir.join(SIGNATURE)).unwrap();
    let tc = sig
        .lines()
        .find_map(|l| l.strip_prefix("trusted comment: "))
        .unwrap()
        .to_owned();
    std::fs::remove_file(dir.join(SIGNATURE)).unwrap();
    let signed = std::process::Command::new("minisign")
        .args(["-S", "-s"])
        .arg(&sk)
        .arg("-m")
        .arg(dir.join(MANIFEST))
        .args(["-t", &tc])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    let c = verify_bundle(&dir, &public, "mk.pub").unwrap();
    assert!(c.ok(), "{}", findings(&c));
    // A key par-index made, protected by a passphrase: the tool unlocks it and signs.
    let protected = keygen(Some("vừng ơi mở ra")).unwrap();
    let (ppk, psk) = (keys.join("p.pub"), keys.join("p.key"));
    std::fs::write(&ppk, &protected.public).unwrap();
    std::fs::write(&psk, &protected.secret).unwrap();
    let file = keys.join("note.txt");
    std::fs::write(&file, "kết quả").unwrap();
    let mut child = std::process::Command::new("minisign")
        .args(["-S", "-s"])
        .arg(&psk)
        .arg("-m")
        .arg(&file)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all("vừng ơi mở ra\n".as_bytes()).unwrap();
    }
    let signed = child.wait_with_output().unwrap();
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    let sig = std::fs::read_to_string(keys.join("note.txt.minisig")).unwrap();
    assert!(
        par_index::bundle::verify_signature(&protected.public, "kết quả".as_bytes(), &sig, "p.pub")
            .is_ok()
    );
    for d in [&m.dir, &keys, &dir] {
        std::fs::remove_dir_all(d).unwrap();
    }
    std::fs::remove_file(&pubkey).unwrap();
}

/// A zip of entries (name, bytes), a link where the bytes are `None`.
fn zip_of(entries: &[(&str, Option<&[u8]>)]) -> Vec<u8> {
    use std::io::Write as _;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, bytes) in entries {
        match bytes {
            Some(b) => {
                z.start_file(*name, opts).unwrap();
                z.write_all(b).unwrap();
            }
            None => z.add_symlink(*name, "/etc/passwd", opts).unwrap(),
        }
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn a_bundle_as_one_zip_verifies_and_hostile_zips_are_refused() {
    let m = made("zip");
    let z = m.bundle.to_zip().unwrap();
    assert_eq!(
        z,
        m.bundle.to_zip().unwrap(),
        "the same bundle, the same zip"
    );
    let limits = par_index::Limits::default();
    let c = verify_bundle_zip(&z, &m.public, "k.pub", &limits).unwrap();
    assert!(c.ok(), "{}", findings(&c));
    assert_eq!(c.units.len(), 77);

    // Entries that would land outside, links, a bomb: refused by name, nothing written
    // outside the unpacking folder.
    let outside = std::env::temp_dir().join(format!("par-index-escaped-{}", std::process::id()));
    let _ = std::fs::remove_file(&outside);
    let escape = format!("../../../../../../..{}", outside.display());
    let absolute = outside.display().to_string();
    for (entries, says) in [
        (
            vec![(escape.as_str(), Some(&b"x"[..]))],
            "not a plain relative name",
        ),
        (
            vec![(absolute.as_str(), Some(&b"x"[..]))],
            "not a plain relative name",
        ),
        (
            vec![("C:/x.json", Some(&b"x"[..]))],
            "not a plain relative name",
        ),
        (vec![("inputs/link.json", None)], "a link"),
    ] {
        let err = verify_bundle_zip(&zip_of(&entries), &m.public, "k.pub", &limits).unwrap_err();
        assert!(err.to_string().contains(says), "{err}");
        assert!(!outside.exists(), "{} was written", outside.display());
    }
    // A bomb: 64 MiB of zeros in a small zip, against a 1 MiB limit.
    let zeros = vec![0u8; 64 << 20];
    let bomb = zip_of(&[("inputs/zeros.json", Some(&zeros[..]))]);
    assert!(bomb.len() < 1 << 20);
    let small = par_index::Limits::default().batch_bytes(1 << 20);
    let err = verify_bundle_zip(&bomb, &m.public, "k.pub", &small).unwrap_err();
    assert!(err.to_string().contains("unpacks to more than"), "{err}");
    assert!(verify_bundle_zip(b"not a zip", &m.public, "k.pub", &limits).is_err());
    std::fs::remove_dir_all(&m.dir).unwrap();
}

/// The issue's own commands: the whole province folder (last year's scorecards in it are not
/// inputs; its one survey file is the survey), published, verified, exit codes as promised.
#[test]
fn the_command_line_publishes_the_province_folder_and_verifies_it() {
    let bin = env!("CARGO_BIN_EXE_par-index");
    let dir = temp("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("k");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().unwrap();
    let k = run(&["keygen", "-o", key.to_str().unwrap(), "--unprotected"]);
    assert!(k.status.success(), "{}", String::from_utf8_lossy(&k.stderr));
    let out = dir.join("bundle");
    let p = run(&[
        "publish",
        P,
        "--roster",
        &format!("{P}/roster.csv"),
        "--period",
        "2025",
        "--issuer",
        "Sở Nội vụ thành phố Hải Phòng",
        "--key",
        key.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(p.status.success(), "{}", String::from_utf8_lossy(&p.stderr));
    assert!(String::from_utf8_lossy(&p.stdout).starts_with("published 77 units"));
    assert!(String::from_utf8_lossy(&p.stderr).contains("survey.json"));
    let pubkey = format!("{}.pub", key.display());
    let v = run(&["verify-bundle", out.to_str().unwrap(), "--pubkey", &pubkey]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    let text = String::from_utf8_lossy(&v.stdout);
    assert_eq!(text.matches(": verified").count(), 77);
    assert!(text.contains("77 units verified; the bundle holds"));
    // Into a folder that is not empty: refused, nothing written.
    let again = run(&[
        "publish",
        P,
        "--period",
        "2025",
        "--issuer",
        "x",
        "--key",
        key.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!again.status.success());
    // A publication of another period than the results': refused.
    let other = run(&[
        "publish",
        P,
        "--period",
        "2024",
        "--issuer",
        "x",
        "--key",
        key.to_str().unwrap(),
        "-o",
        dir.join("b2024").to_str().unwrap(),
    ]);
    assert!(!other.status.success());
    assert!(String::from_utf8_lossy(&other.stderr).contains("another period"));
    // A changed scorecard: exit 1, the unit named.
    let card = out.join("results/scorecards/HP-X05.json");
    let t = std::fs::read_to_string(&card).unwrap();
    std::fs::write(&card, t.replacen("\"index\"", "\"index\" ", 1)).unwrap();
    let v = run(&["verify-bundle", out.to_str().unwrap(), "--pubkey", &pubkey]);
    assert!(!v.status.success());
    assert!(String::from_utf8_lossy(&v.stdout).contains("HP-X05: NOT VERIFIED"));
    std::fs::remove_dir_all(&dir).unwrap();
}
