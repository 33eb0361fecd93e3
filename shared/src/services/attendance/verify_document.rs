use sea_orm::ConnectionTrait;

use crate::ServiceError;
use crate::auth::DocumentSealer;
use crate::domain::DocumentVerdict;

use super::document_seals::{sha256_hex, verdict_for};

/// The SHA-256 (hex) a file is looked up by in the register.
pub fn document_sha256(file: &[u8]) -> String {
    sha256_hex(file)
}

/// Whether `file` is a PDF this installation issued, byte for byte (`/verifier`, `ateliers
/// verify`). Public: the answer tells only what the file itself states, to whoever holds it.
pub async fn verify_document(
    db: &impl ConnectionTrait,
    sealer: &DocumentSealer,
    file: &[u8],
) -> Result<DocumentVerdict, ServiceError> {
    verdict_for(db, sealer, &sha256_hex(file)).await
}

/// The same verdict from the file's SHA-256 (hex), as `/verifier/resultat` carries it after an
/// upload.
pub async fn verify_fingerprint(
    db: &impl ConnectionTrait,
    sealer: &DocumentSealer,
    sha256: &str,
) -> Result<DocumentVerdict, ServiceError> {
    let sha256 = crate::domain::parse_sha256_hex(sha256).ok_or(ServiceError::NotFound)?;
    verdict_for(db, sealer, &sha256).await
}
