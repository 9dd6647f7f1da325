//! A .docx read as its paragraphs and tables (docx-rs), not as flattened text: each table row
//! keeps its cells. Positions in notes count paragraphs and table rows from 1.

use super::blocks::{Block, strip_debris};
use crate::messages::OpenCause;
use docx_rs::{DocumentChild, Paragraph, TableCellContent, TableChild, TableRowChild};

/// The document's body as blocks, or why the file cannot be opened.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, OpenCause> {
    super::open_error::docx_archive(bytes)?;
    let doc = docx_rs::read_docx(bytes).map_err(|e| super::open_error::docx(&e))?;
    let mut out = Vec::new();
    for child in &doc.document.children {
        match child {
            DocumentChild::Paragraph(p) => {
                let text = strip_debris(&p.raw_text()).to_string();
                if !text.is_empty() {
                    out.push(Block::Para {
                        line: out.len() + 1,
                        text,
                    });
                }
            }
            DocumentChild::Table(t) => {
                for TableChild::TableRow(row) in &t.rows {
                    let cells = row
                        .cells
                        .iter()
                        .map(|TableRowChild::TableCell(c)| {
                            let paras = c.children.iter().filter_map(|x| match x {
                                TableCellContent::Paragraph(p) => Some(p),
                                _ => None,
                            });
                            cell_text(paras)
                        })
                        .collect();
                    out.push(Block::Row {
                        line: out.len() + 1,
                        cells,
                    });
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A cell's paragraphs joined as one text (a line break inside a cell is layout, not content).
fn cell_text<'a>(paras: impl Iterator<Item = &'a Box<Paragraph>>) -> String {
    paras
        .map(|p| p.raw_text().trim().to_string())
        .collect::<Vec<_>>()
        .concat()
}
