//! `par-index keygen`, `publish` and `verify-bundle`: signed result bundles anyone can
//! re-verify offline (`par_index::bundle`).

use std::path::{Path, PathBuf};

use par_index::bundle::{self, Publication, SigningKey, Sources};

use super::Outcome;

#[derive(clap::Args)]
pub(crate) struct KeygenArgs {
    /// Where to write the secret key; the public key goes to the same path with `.pub`.
    #[arg(long, short)]
    output: PathBuf,
    /// A file holding the passphrase that protects the secret key (its first line); or set
    /// PAR_INDEX_PASSPHRASE; else it is asked for at the terminal.
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
    /// Leave the secret key unprotected (for automation that keeps it safe otherwise).
    #[arg(long, conflicts_with = "passphrase_file")]
    unprotected: bool,
    /// Replace key files that exist.
    #[arg(long)]
    force: bool,
}

#[derive(clap::Args)]
pub(crate) struct PublishArgs {
    /// This year's self-assessments (JSON or filled forms) with their stage files: files or
    /// folders.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The survey results file (JSON).
    #[arg(long)]
    survey: Option<PathBuf>,
    /// The roster (the ranking by its blocks).
    #[arg(long)]
    roster: Option<PathBuf>,
    /// Methodologies besides the embedded ones the units name: ids or TOML files.
    #[arg(long, short)]
    methodology: Vec<String>,
    /// The period published (`2025`).
    #[arg(long)]
    period: String,
    /// The issuing office (`Sở Nội vụ tỉnh …`).
    #[arg(long)]
    issuer: String,
    /// The decision that publishes the results (`số …/QĐ-UBND`).
    #[arg(long)]
    decision: Option<String>,
    /// The secret key (minisign's format: from `par-index keygen` or `minisign -G`).
    #[arg(long)]
    key: PathBuf,
    /// A file holding the key's passphrase (its first line); or set PAR_INDEX_PASSPHRASE; else
    /// it is asked for at the terminal. An unprotected key needs none.
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
    /// The bundle's folder (made; it must not exist, or be empty).
    #[arg(long, short)]
    output: PathBuf,
    /// Also write the bundle as one zip archive here (the same bytes for the same bundle).
    #[arg(long)]
    zip: Option<PathBuf>,
}

#[derive(clap::Args)]
pub(crate) struct VerifyArgs {
    /// The bundle's folder, or its zip archive.
    bundle: PathBuf,
    /// The issuer's public key (`.pub`, minisign's format).
    #[arg(long)]
    pubkey: PathBuf,
}

/// The passphrase: from a file (its first line), else PAR_INDEX_PASSPHRASE, else none.
fn passphrase(file: Option<&Path>) -> Result<Option<String>, String> {
    if let Some(f) = file {
        let text = par_index::files::read_text_file(f).map_err(|e| e.to_string())?;
        return Ok(Some(text.lines().next().unwrap_or_default().to_owned()));
    }
    Ok(std::env::var("PAR_INDEX_PASSPHRASE").ok())
}

/// The passphrase as [`passphrase`] finds it, else asked for at the terminal (not echoed)
/// when there is one; `twice` asks again to confirm (a new key).
fn passphrase_or_ask(file: Option<&Path>, twice: bool) -> Result<Option<String>, String> {
    if let Some(p) = passphrase(file)? {
        return Ok(Some(p));
    }
    use std::io::IsTerminal as _;
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let ask = |prompt: &str| rpassword::prompt_password(prompt).map_err(|e| e.to_string());
    let first = ask("Passphrase: ")?;
    if twice && ask("Passphrase (again): ")? != first {
        return Err("the passphrases differ: nothing written".into());
    }
    Ok(Some(first))
}

pub(crate) fn keygen(a: KeygenArgs) -> Outcome {
    let public_path = PathBuf::from(format!("{}.pub", a.output.display()));
    for p in [&a.output, &public_path] {
        if p.exists() && !a.force {
            return Err(format!(
                "{} exists: not replaced (--force replaces it)",
                p.display()
            ));
        }
    }
    let pass = if a.unprotected {
        None
    } else {
        Some(passphrase_or_ask(a.passphrase_file.as_deref(), true)?.ok_or(
            "a secret key is protected by a passphrase: type it, or give --passphrase-file or PAR_INDEX_PASSPHRASE (or --unprotected)",
        )?)
    };
    let pair = bundle::keygen(pass.as_deref()).map_err(|e| e.to_string())?;
    let write = |p: &Path, text: &str| {
        std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))
    };
    write(&a.output, &pair.secret)?;
    write(&public_path, &pair.public)?;
    eprintln!(
        "wrote {} (secret{}) and {} (public)",
        a.output.display(),
        if a.unprotected {
            ", unprotected"
        } else {
            ", protected by the passphrase"
        },
        public_path.display()
    );
    Ok(())
}

pub(crate) fn publish(a: PublishArgs) -> Outcome {
    let key_text = par_index::files::read_text_file(&a.key).map_err(|e| e.to_string())?;
    // An unprotected key needs no passphrase: ask only for a protected one.
    let pass = match passphrase(a.passphrase_file.as_deref())? {
        Some(p) => Some(p),
        None if bundle::needs_passphrase(&key_text) => passphrase_or_ask(None, false)?,
        None => None,
    };
    let key = SigningKey::from_text(&key_text, pass.as_deref(), &a.key.display().to_string())
        .map_err(|e| e.to_string())?;
    let mut sources = Sources::new(&a.paths);
    sources.survey = a.survey;
    sources.roster = a.roster;
    sources.methodologies = a.methodology;
    let mut publication = Publication::new(&a.period, &a.issuer);
    if let Some(d) = &a.decision {
        publication = publication.decision(d);
    }
    let b = bundle::publish(&sources, &publication, &key).map_err(|e| e.to_string())?;
    b.write_dir(&a.output).map_err(|e| e.to_string())?;
    if let Some(z) = &a.zip {
        let bytes = b.to_zip().map_err(|e| e.to_string())?;
        std::fs::write(z, bytes).map_err(|e| format!("cannot write {}: {e}", z.display()))?;
    }
    let units = b
        .files
        .keys()
        .filter(|k| k.starts_with("results/scorecards/"))
        .count();
    let manifest: Option<bundle::Manifest> = b
        .files
        .get(bundle::MANIFEST)
        .and_then(|m| serde_json::from_slice(m).ok());
    if let Some(survey) = manifest.as_ref().and_then(|m| m.predicate.survey.as_ref()) {
        eprintln!("note: the survey applied is {survey}");
    }
    println!(
        "published {units} units in {} ({} files), signed by key {}\nMANIFEST.json SHA-256: {}",
        a.output.display(),
        b.files.len(),
        key.key_id(),
        b.manifest_sha256
    );
    Ok(())
}

pub(crate) fn verify(a: VerifyArgs) -> Outcome {
    let public = par_index::files::read_text_file(&a.pubkey).map_err(|e| e.to_string())?;
    let name = a.pubkey.display().to_string();
    let check = if a.bundle.is_file() {
        let bytes = std::fs::read(&a.bundle)
            .map_err(|e| format!("cannot read {}: {e}", a.bundle.display()))?;
        bundle::verify_bundle_zip(&bytes, &public, &name, &par_index::Limits::default())
    } else {
        bundle::verify_bundle(&a.bundle, &public, &name)
    }
    .map_err(|e| format!("{}: {e}", a.bundle.display()))?;
    match &check.trusted_comment {
        Some(tc) => println!("signature: good ({tc})"),
        None => println!("signature: NOT VALID"),
    }
    println!("MANIFEST.json SHA-256: {}", check.manifest_sha256);
    for (unit, why) in &check.units {
        match why {
            None => println!("{unit}: verified"),
            Some(w) => println!("{unit}: NOT VERIFIED: {w}"),
        }
    }
    for p in &check.problems {
        println!("problem: {p}");
    }
    let bad = check.units.iter().filter(|(_, w)| w.is_some()).count();
    if check.ok() {
        println!("{} units verified; the bundle holds", check.units.len());
        Ok(())
    } else {
        Err(format!(
            "the bundle does not hold: {} problem(s), {bad} of {} units not verified",
            check.problems.len(),
            check.units.len()
        ))
    }
}
