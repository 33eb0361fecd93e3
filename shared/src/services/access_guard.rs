use crate::ServiceError;
use crate::domain::Actor;

/// Turns an access decision into the service's answer: the anonymous must sign in (401),
/// anyone else the policy refuses is forbidden (403).
pub(crate) fn require(actor: &Actor, allowed: bool) -> Result<(), ServiceError> {
    match actor {
        Actor::Anonymous => Err(ServiceError::NotSignedIn),
        _ if !allowed => Err(ServiceError::Forbidden),
        _ => Ok(()),
    }
}
