//! Renderers: turn findings and reports into text for people and programs.

pub mod diff;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
