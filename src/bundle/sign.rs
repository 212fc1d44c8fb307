//! Ed25519 keys and signatures in minisign's format, so that Debian's `minisign` tool and the
//! dependency-free `minisign-verify` crate check what par-index signs, and par-index signs with
//! keys the tool made.
//!
//! Keys are read and made with the `minisign` crate (its passphrase protection: scrypt, as the
//! tool's). Signatures are made here with `ed25519-dalek`, deterministically (RFC 8032): the same
//! manifest and key always give the same signature bytes, so that a bundle can be made again
//! byte for byte. They are minisign's prehashed kind (`ED`: Ed25519 over the BLAKE2b-512 of the
//! file), with a trusted comment signed with them (the "global signature"). Signatures are
//! checked with `minisign-verify`.

use blake2::Digest as _;
use ct_codecs::{Base64, Encoder as _};
use ed25519_dalek::Signer as _;

use crate::error::{Error, Problem, ProblemKind};

/// A new key pair, as the `minisign` tool writes one: the public key file's text and the
/// secret key file's.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct KeyPair {
    /// The public key file (`untrusted comment: …` and one base64 line).
    pub public: String,
    /// The secret key file, protected by the passphrase when one was given.
    pub secret: String,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyPair")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

fn refused(what: &str, message: impl Into<String>) -> Error {
    let p = Problem::new(ProblemKind::BadValue, None, "", message);
    Error::Invalid(vec![if what.is_empty() { p } else { p.in_file(what) }])
}

/// Make a key pair: the secret key protected by `passphrase`, or, with `None`, explicitly
/// unprotected (for automation).
///
/// # Errors
///
/// The system's random source failed, or an empty passphrase was given.
///
/// ```
/// let k = par_index::bundle::keygen(None).unwrap();
/// assert!(k.public.starts_with("untrusted comment: "));
/// let signer = par_index::bundle::SigningKey::from_text(&k.secret, None, "k").unwrap();
/// let sig = signer.sign(b"manifest", "issuer: Sở Nội vụ", "par-index");
/// assert_eq!(par_index::bundle::verify_signature(&k.public, b"manifest", &sig, "k.pub").unwrap(), "issuer: Sở Nội vụ");
/// ```
pub fn keygen(passphrase: Option<&str>) -> Result<KeyPair, Error> {
    let failed = |e: minisign::PError| refused("", format!("cannot make a key pair: {e}"));
    let pair = match passphrase {
        Some("") => {
            return Err(refused(
                "",
                "an empty passphrase protects nothing: give one, or make an unprotected key",
            ));
        }
        Some(p) => {
            minisign::KeyPair::generate_encrypted_keypair(Some(p.to_owned())).map_err(failed)?
        }
        None => minisign::KeyPair::generate_unencrypted_keypair().map_err(failed)?,
    };
    let public = pair.pk.to_box().map_err(failed)?.into_string();
    let comment = if passphrase.is_some() {
        "par-index secret key (protected by a passphrase)"
    } else {
        "par-index secret key (unprotected)"
    };
    let secret = pair.sk.to_box(Some(comment)).map_err(failed)?.into_string();
    Ok(KeyPair { public, secret })
}

/// A secret key, read and unlocked, ready to sign.
pub struct SigningKey {
    key: ed25519_dalek::SigningKey,
    keynum: [u8; 8],
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("key_id", &self.key_id())
            .finish_non_exhaustive()
    }
}

/// Where the key number and the secret key sit in minisign's secret key bytes: algorithm (2),
/// KDF algorithm (2), checksum algorithm (2), salt (32), opslimit (8), memlimit (8), then the
/// key number (8) and the secret key (64: seed and public key).
const KEYNUM_AT: usize = 54;
const SECRET_AT: usize = 62;

impl SigningKey {
    /// A secret key from its file's text (minisign's format), unlocked with `passphrase` when
    /// it is protected. `name` is what errors call it.
    ///
    /// # Errors
    ///
    /// Not a minisign secret key (truncated, altered), a protected key without its passphrase
    /// or with a wrong one.
    pub fn from_text(
        text: &str,
        passphrase: Option<&str>,
        name: &str,
    ) -> Result<SigningKey, Error> {
        let boxed = minisign::SecretKeyBox::from_string(text)
            .map_err(|e| refused(name, format!("not a minisign secret key: {e}")))?;
        let sk = match passphrase {
            Some(p) => boxed.into_secret_key(Some(p.to_owned())).map_err(|e| {
                refused(
                    name,
                    format!("cannot unlock the secret key: {e} (a wrong passphrase, or not a secret key)"),
                )
            })?,
            None => return unprotected(text, name),
        };
        of_bytes(&sk.to_bytes(), name)
    }

    /// The key's id as minisign shows it (16 hexadecimal digits).
    #[must_use]
    pub fn key_id(&self) -> String {
        self.keynum
            .iter()
            .rev()
            .map(|b| format!("{b:02X}"))
            .collect()
    }

    /// The public key file's text of this key.
    #[must_use]
    pub fn public_text(&self) -> String {
        let mut raw = Vec::with_capacity(42);
        raw.extend_from_slice(b"Ed");
        raw.extend_from_slice(&self.keynum);
        raw.extend_from_slice(self.key.verifying_key().as_bytes());
        format!(
            "untrusted comment: minisign public key {}\n{}\n",
            self.key_id(),
            Base64::encode_to_string(raw).unwrap_or_default()
        )
    }

    /// Sign `data` (minisign's prehashed kind), the trusted comment signed with it: the
    /// signature file's text. Deterministic: the same data, comments and key give the same
    /// bytes.
    #[must_use]
    pub fn sign(&self, data: &[u8], trusted_comment: &str, untrusted_comment: &str) -> String {
        let prehash = blake2::Blake2b512::digest(data);
        let sig = self.key.sign(&prehash).to_bytes();
        let mut line = Vec::with_capacity(74);
        line.extend_from_slice(b"ED");
        line.extend_from_slice(&self.keynum);
        line.extend_from_slice(&sig);
        let mut global = Vec::with_capacity(64usize.saturating_add(trusted_comment.len()));
        global.extend_from_slice(&sig);
        global.extend_from_slice(trusted_comment.as_bytes());
        let global = self.key.sign(&global).to_bytes();
        format!(
            "untrusted comment: {}\n{}\ntrusted comment: {}\n{}\n",
            one_line(untrusted_comment),
            Base64::encode_to_string(line).unwrap_or_default(),
            one_line(trusted_comment),
            Base64::encode_to_string(global).unwrap_or_default()
        )
    }
}

/// Whether a secret key file's text holds a key protected by a passphrase (minisign's KDF
/// field set); `false` for an unprotected key or for text that is no key (reading it says
/// why).
///
/// ```
/// use par_index::bundle::{keygen, needs_passphrase};
/// assert!(!needs_passphrase(&keygen(None).unwrap().secret));
/// assert!(needs_passphrase(&keygen(Some("pass")).unwrap().secret));
/// ```
#[must_use]
pub fn needs_passphrase(text: &str) -> bool {
    use ct_codecs::Decoder as _;
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
        .and_then(|l| Base64::decode_to_vec(l, None).ok())
        .is_some_and(|b| b.get(2..4).is_some_and(|kdf| kdf != [0, 0]))
}

/// The key in minisign's secret key bytes (unlocked): its key number and its 64 secret bytes
/// (seed, then public key), checked to hold together.
fn of_bytes(bytes: &[u8], name: &str) -> Result<SigningKey, Error> {
    let short = || refused(name, "a secret key too short to hold its key");
    let keynum: [u8; 8] = bytes
        .get(KEYNUM_AT..SECRET_AT)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(short)?;
    let pair: [u8; 64] = bytes
        .get(SECRET_AT..SECRET_AT.saturating_add(64))
        .and_then(|b| b.try_into().ok())
        .ok_or_else(short)?;
    let key = ed25519_dalek::SigningKey::from_keypair_bytes(&pair)
        .map_err(|e| refused(name, format!("the secret key does not hold together: {e}")))?;
    Ok(SigningKey { key, keynum })
}

/// An unprotected secret key (`minisign -G -W`, `par-index keygen --unprotected`), read here:
/// the tool writes such keys with an empty checksum, which the `minisign` crate refuses. The
/// key holds together or is refused all the same (its public half is its seed's).
fn unprotected(text: &str, name: &str) -> Result<SigningKey, Error> {
    use ct_codecs::Decoder as _;
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
        .ok_or_else(|| refused(name, "not a minisign secret key: no key line"))?;
    let bytes = Base64::decode_to_vec(line, None).map_err(|_| {
        refused(
            name,
            "not a minisign secret key: the key line is not base64",
        )
    })?;
    if bytes.get(..2) != Some(b"Ed") || bytes.len() != 158 {
        return Err(refused(
            name,
            "not a minisign secret key (truncated, or of another kind)",
        ));
    }
    if bytes.get(2..4) != Some(&[0, 0]) {
        return Err(refused(
            name,
            "the secret key is protected by a passphrase: give it (--passphrase-file or PAR_INDEX_PASSPHRASE)",
        ));
    }
    of_bytes(&bytes, name)
}

/// A comment on one line (a line break would end it).
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// Check `signature` (a minisign signature file's text) of `data` with `public` (a public key
/// file's text, or its base64 line): the trusted comment when it holds. `name` is what errors
/// call the key.
///
/// # Errors
///
/// Not a public key or not a signature; a signature by another key; data or trusted comment
/// not the ones signed.
pub fn verify_signature(
    public: &str,
    data: &[u8],
    signature: &str,
    name: &str,
) -> Result<String, Error> {
    let key = public
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
        .ok_or_else(|| refused(name, "not a minisign public key: no key line"))?;
    let pk = minisign_verify::PublicKey::from_base64(key)
        .map_err(|e| refused(name, format!("not a minisign public key: {e}")))?;
    let sig = minisign_verify::Signature::decode(signature).map_err(|e| {
        refused(
            "MANIFEST.json.minisig",
            format!("not a minisign signature: {e}"),
        )
    })?;
    pk.verify(data, &sig, false).map_err(|e| {
        let why = match e {
            minisign_verify::Error::UnexpectedKeyId => {
                "signed by another key than the one given".to_owned()
            }
            minisign_verify::Error::InvalidSignature => {
                "the signature does not hold: the manifest or its trusted comment is not what was signed".to_owned()
            }
            other => other.to_string(),
        };
        refused("MANIFEST.json.minisig", why)
    })?;
    Ok(sig.trusted_comment().to_owned())
}
