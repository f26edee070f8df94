//! KID check digits (being written).
