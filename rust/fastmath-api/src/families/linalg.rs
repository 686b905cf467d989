//! placeholder

use crate::table::Function;

pub static FUNCTIONS: &[&Function] = &[];
