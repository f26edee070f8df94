//! The splitter's inner loop, 64 bytes at a time (issue 18): inside a record, finding where its brackets close.
//!
//! Most of a member's bytes lie below its own object — instalments, visits — where the splitter
//! ([`crate::split`]) only needs to know where each bracket outside a string is. Byte by byte that is a branch per
//! byte, and member JSON has a quote every few bytes, which no "skip to the next quote" loop gets past. Here a
//! block of 64 bytes is compared with `"`, `\`, `{`/`[` and `}`/`]` at once (SIMD through [`wide`], 16 lanes at a
//! time), the strings are found as the bits between quotes (a prefix XOR of the quote mask, carried from block
//! to block), and only the brackets outside strings are visited, one set bit each: the way simdjson's first
//! stage finds structure, cut down to what a splitter needs. A block with a backslash in it is left to the
//! byte-by-byte loop, which knows escapes; member data rarely has one.
//!
//! Built where [`wide`] compiles to real vector instructions (x86-64, AArch64). Elsewhere — the WebAssembly
//! module — the byte-by-byte loop does all of it; a test holds the two to the same results on every input.

use wide::u8x16;

/// The brackets of one block: which bytes are a quote or a backslash, and which open or close a bracket
/// (`{`, `[` / `}`, `]`), bit `k` for byte `k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Masks {
    pub quote: u64,
    pub backslash: u64,
    pub open: u64,
    pub close: u64,
}

/// The masks of `block`.
pub(crate) fn masks(block: &[u8; 64]) -> Masks {
    let (quote, backslash) = (u8x16::splat(b'"'), u8x16::splat(b'\\'));
    // '{' and '[' differ only in bit 0x20, as '}' and ']' do: one comparison finds either
    let (open, close, case) = (u8x16::splat(b'{'), u8x16::splat(b'}'), u8x16::splat(0x20));
    let mut m = Masks {
        quote: 0,
        backslash: 0,
        open: 0,
        close: 0,
    };
    for (k, lanes) in block.chunks_exact(16).enumerate() {
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(lanes);
        let v = u8x16::new(bytes);
        let folded = v | case;
        let shift = 16 * k;
        m.quote |= u64::from(v.simd_eq(quote).to_bitmask()) << shift;
        m.backslash |= u64::from(v.simd_eq(backslash).to_bitmask()) << shift;
        m.open |= u64::from(folded.simd_eq(open).to_bitmask()) << shift;
        m.close |= u64::from(folded.simd_eq(close).to_bitmask()) << shift;
    }
    m
}

/// Bit `k` set when an odd number of bits at or below `k` are set in `x`: with `x` the quotes of a block, the
/// bytes from an opening quote up to (not including) its closing one.
pub(crate) fn prefix_xor(mut x: u64) -> u64 {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    x
}

/// What a block held for the splitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    /// Read to its end: the splitter goes on at the next block.
    Read,
    /// The nesting fell below the floor at the byte before `at`: the record's inner part ends there.
    Out { at: usize },
    /// A backslash: the byte-by-byte loop reads this block.
    Escapes,
    /// A closing bracket at byte `at` of the block does not match the one it closes.
    Mismatch { at: usize },
}

/// Reads `block` inside a record: `in_str` whether it starts inside a string (updated to whether it ends in
/// one), `depth` and `stack` the nesting (up to `max_checked` brackets kept), `floor` the depth below which
/// the inner part ends.
pub(crate) fn read_block(
    block: &[u8; 64],
    in_str: &mut bool,
    depth: &mut usize,
    stack: &mut Vec<u8>,
    floor: usize,
    max_checked: usize,
) -> Block {
    let m = masks(block);
    if m.backslash != 0 {
        return Block::Escapes;
    }
    let carried = if *in_str { u64::MAX } else { 0 };
    let strings = prefix_xor(m.quote) ^ carried;
    let mut brackets = (m.open | m.close) & !strings;
    while brackets != 0 {
        let at = brackets.trailing_zeros() as usize;
        brackets &= brackets - 1;
        let b = block.get(at).copied().unwrap_or(0);
        if m.open >> at & 1 == 1 {
            if *depth < max_checked {
                stack.push(b);
            }
            *depth += 1;
        } else {
            if *depth <= max_checked {
                let open = stack.pop();
                if !matches!((open, b), (Some(b'{'), b'}') | (Some(b'['), b']')) {
                    return Block::Mismatch { at };
                }
            }
            *depth = depth.saturating_sub(1);
            if *depth < floor {
                // a bracket outside a string: the block is outside strings there
                *in_str = false;
                return Block::Out { at: at + 1 };
            }
        }
    }
    *in_str = strings >> 63 == 1;
    Block::Read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_find_each_byte_they_name() {
        let mut block = [b'a'; 64];
        for (k, b) in [
            (0, b'"'),
            (5, b'\\'),
            (17, b'{'),
            (18, b'['),
            (40, b'}'),
            (63, b']'),
        ] {
            block[k] = b;
        }
        // bytes that differ from a bracket by other bits are not brackets
        block[30] = b'{' ^ 0x40;
        block[31] = b'}' ^ 0x01;
        let m = masks(&block);
        assert_eq!(m.quote, 1);
        assert_eq!(m.backslash, 1 << 5);
        assert_eq!(m.open, 1 << 17 | 1 << 18);
        assert_eq!(m.close, 1 << 40 | 1 << 63);
    }

    #[test]
    fn prefix_xor_marks_the_inside_of_strings() {
        // quotes at 2 and 6, then at 10 (a string that goes on)
        let quotes = 1 << 2 | 1 << 6 | 1 << 10;
        let inside = prefix_xor(quotes);
        for k in 0..64 {
            let want = (2..6).contains(&k) || k >= 10;
            assert_eq!(inside >> k & 1 == 1, want, "bit {k}");
        }
    }
}
