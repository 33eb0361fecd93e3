use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::auth::DocumentSealer;
use crate::domain::{SealedDocument, parse_seal_code};
use crate::entities::document_seal;

use super::document_seals::trusted_statement;

/// What the document behind a printed verification code is (`/verifier/<code>`, from the QR
/// code): its statement and fingerprint, so that the holder compares, or uploads the file.
/// Public, like the code printed on the paper; an unknown code is not found.
pub async fn view_seal(
    db: &impl ConnectionTrait,
    sealer: &DocumentSealer,
    code: &str,
) -> Result<SealedDocument, ServiceError> {
    let code = parse_seal_code(code).ok_or(ServiceError::NotFound)?;
    let row = document_seal::Entity::find()
        .filter(document_seal::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    trusted_statement(sealer, &row).ok_or(ServiceError::NotFound)
}
