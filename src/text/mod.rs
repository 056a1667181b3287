//! Text handling: spans, markup regions, tokens and the [`Document`].

pub mod case;
pub mod document;
pub mod markup;
pub mod span;
pub mod tokenize;

pub use document::Document;
pub use markup::Format;
pub use span::{LineCol, LineIndex, Span};
pub use tokenize::{Token, TokenKind};
