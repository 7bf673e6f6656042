//! A fast deflate encoder for the workbook's XML: greedy matches found
//! through a hash table of the last place each four bytes were seen (one
//! probe, no chains), coded with Huffman codes made for each block, so that
//! a sheet's repetitive rows cost about half the time of zlib's level 3 for
//! a file a few per cent bigger. After a match, the same distance is tried
//! first one byte on, before the table: a row's bytes go on matching the row
//! before once the digit that ended the match is past. Symbols are written
//! without a branch between literals and matches, into a buffer sized once
//! for the block. Each piece ends with a sync flush (an empty stored block),
//! so pieces deflated apart, one after the other and closed by a final
//! block, are one deflate stream (README, "National scale").

/// The shortest match deflate codes, and the longest.
const MIN_MATCH: usize = 4;
const MAX_MATCH: usize = 258;
/// How far back a match may reach.
const WINDOW: usize = 32_768;
/// The hash table: 2^HASH_BITS places.
const HASH_BITS: u32 = 15;
/// A block's symbols before its codes are made and it is written.
const BLOCK_SYMBOLS: usize = 1 << 16;

/// Literal/length symbols (0..=285) and distance symbols (0..=29).
const LITLEN_SYMBOLS: usize = 286;
const DIST_SYMBOLS: usize = 30;
const END_OF_BLOCK: usize = 256;
/// The longest code deflate allows, and a code length code's.
const MAX_BITS: u8 = 15;
const MAX_LENGTH_BITS: u8 = 7;

/// Each length's symbol (from 257) and extra bits, by `length - 3`.
const LENGTH_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/// The order the code length codes' lengths are written in.
const LENGTH_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/// Each `length - 3` (0..=255): its length code's index in `LENGTH_BASE`.
const LENGTH_CODE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut code = 0;
    while code < 29 {
        let first = LENGTH_BASE[code] as usize - 3;
        let last = if code == 28 { 255 } else { LENGTH_BASE[code + 1] as usize - 4 };
        let mut l = first;
        while l <= last {
            table[l] = code as u8;
            l += 1;
        }
        code += 1;
    }
    table
};

/// A distance's code: `distance - 1` below 256 directly, above it by its
/// bits from the eighth on (zlib's table of 512).
const DIST_CODE: [u8; 512] = {
    let mut table = [0u8; 512];
    let mut code = 0;
    while code < 30 {
        let first = DIST_BASE[code] as usize - 1;
        let last = if code == 29 { 32_767 } else { DIST_BASE[code + 1] as usize - 2 };
        let mut d = first;
        while d <= last {
            if d < 256 {
                table[d] = code as u8;
            } else {
                table[256 + (d >> 7)] = code as u8;
            }
            d += 1;
        }
        code += 1;
    }
    table
};

/// A distance's code, from `distance - 1`: the index picked without a
/// branch, as near and far distances alternate from one match to the next.
fn dist_code(d: usize) -> usize {
    let index = if d < 256 { d } else { 256 + (d >> 7) };
    usize::from(DIST_CODE[index & 511])
}

/// A symbol: from bit 18 its head, a literal's byte or 256 + a match's
/// length - 3; from bit 13 its distance's code (NO_DISTANCE for a literal);
/// below, the distance's extra bits. Literals and matches are written alike,
/// without a branch, as they alternate from one symbol to the next.
const HEAD_SHIFT: u32 = 18;
const DIST_CODE_SHIFT: u32 = 13;
const NO_DISTANCE: u32 = 31;

/// A literal's symbol.
fn literal(byte: u32) -> u32 {
    (byte & 255) << HEAD_SHIFT | NO_DISTANCE << DIST_CODE_SHIFT
}

/// The most bits one symbol takes (a length's code and extra bits, a
/// distance's), in bytes rounded up, and room for a block's header (its
/// code lengths, at most 316 of 14 bits) and its end.
const SYMBOL_BYTES: usize = 6;
const HEADER_BYTES: usize = 1024;

/// The encoder a thread keeps from piece to piece: its hash table, its
/// block's symbols and the buffer a block is written in are allocated once.
pub struct Encoder {
    table: Vec<u32>,
    symbols: Vec<u32>,
    litlen: [u32; LITLEN_SYMBOLS],
    dist: [u32; DIST_SYMBOLS],
    bits: Bits,
}

impl Default for Encoder {
    fn default() -> Self {
        Encoder {
            table: Vec::new(),
            symbols: Vec::new(),
            litlen: [0; LITLEN_SYMBOLS],
            dist: [0; DIST_SYMBOLS],
            bits: Bits::default(),
        }
    }
}

/// The eight bytes from `at`, those past the end as zeros.
fn read8(data: &[u8], at: usize) -> u64 {
    let tail = data.get(at..).unwrap_or_default();
    match tail.first_chunk::<8>() {
        Some(&eight) => u64::from_le_bytes(eight),
        None => {
            let mut bytes = [0u8; 8];
            let len = tail.len().min(8);
            bytes[..len].copy_from_slice(&tail[..len]);
            u64::from_le_bytes(bytes)
        }
    }
}

/// The place in the hash table of the four bytes at the bottom of `bytes`.
fn hash(bytes: u64) -> usize {
    ((bytes as u32).wrapping_mul(0x1E35_A7BD) >> (32 - HASH_BITS)) as usize
}

/// How many bytes of `x` and `y` are the same from the start, up to `max`.
/// Sixteen at a time, the first byte that differs found without a branch:
/// most matches here end within the first sixteen.
fn common(x: &[u8], y: &[u8], max: usize) -> usize {
    let len = max.min(x.len()).min(y.len());
    let mut n = 0;
    while n + 16 <= len {
        let (Some(p), Some(q)) = (x[n..].first_chunk::<16>(), y[n..].first_chunk::<16>()) else {
            break;
        };
        let diff = u128::from_le_bytes(*p) ^ u128::from_le_bytes(*q);
        if diff != 0 {
            return n + (diff.trailing_zeros() / 8) as usize;
        }
        n += 16;
    }
    while n < len && x[n] == y[n] {
        n += 1;
    }
    n
}

impl Encoder {
    /// Deflates `data` as non-final blocks ending with a sync flush, appended to `out`.
    pub fn deflate(&mut self, data: &[u8], out: &mut Vec<u8>) {
        // The table and the symbols held apart from `self` while the loop
        // runs, so that their places and lengths stay in registers.
        let mut table = std::mem::take(&mut self.table);
        let mut symbols = std::mem::take(&mut self.symbols);
        table.clear();
        table.resize(1 << HASH_BITS, u32::MAX);
        symbols.resize(BLOCK_SYMBOLS + MIN_MATCH, 0);
        let mut count = 0;
        let n = data.len();
        let mut i = 0;
        // The distance of the match that ended at `i`, or none (0).
        let mut rep = 0;
        while i + MIN_MATCH <= n {
            let bytes = read8(data, i);
            let four = bytes as u32;
            // After a match, the next row's bytes usually go on matching the
            // same distance back once the byte that ended it (a digit of the
            // row's number or of a value) is past: that byte as a literal,
            // then a match at the same distance, without a look in the table.
            let (at, distance, rest) =
                if rep != 0 && i + 1 + MIN_MATCH <= n && read8(data, i + 1 - rep) as u32 == (bytes >> 8) as u32 {
                    symbols[count] = literal(four);
                    self.litlen[(four & 255) as usize] += 1;
                    count += 1;
                    table[hash(bytes)] = i as u32;
                    (i + 1, rep, bytes >> 8)
                } else {
                    let h = hash(bytes);
                    let candidate = table[h] as usize;
                    table[h] = i as u32;
                    // One comparison: an empty place (u32::MAX) is never within the window.
                    let distance = i.wrapping_sub(candidate);
                    if distance.wrapping_sub(1) < WINDOW && read8(data, candidate) as u32 == four {
                        (i, distance, bytes)
                    } else {
                        symbols[count] = literal(four);
                        self.litlen[(four & 255) as usize] += 1;
                        count += 1;
                        i += 1;
                        rep = 0;
                        if count >= BLOCK_SYMBOLS {
                            self.block(&symbols[..count], out);
                            count = 0;
                        }
                        continue;
                    }
                };
            let longest = (n - at).min(MAX_MATCH) - MIN_MATCH;
            let from = at - distance + MIN_MATCH;
            let to = at + MIN_MATCH;
            let length =
                MIN_MATCH + common(data.get(from..).unwrap_or_default(), data.get(to..).unwrap_or_default(), longest);
            let code = dist_code(distance - 1);
            let extra = (distance - usize::from(DIST_BASE[code])) as u32;
            symbols[count] = (256 + length as u32 - 3) << HEAD_SHIFT | (code as u32) << DIST_CODE_SHIFT | extra;
            count += 1;
            self.litlen[257 + usize::from(LENGTH_CODE[(length - 3) & 255])] += 1;
            self.dist[code] += 1;
            // Three places inside the match are remembered too (its second,
            // third and last): every one would find a little more, for
            // half again the time. A place too near the end to hold four
            // bytes is remembered as well, harmlessly: a candidate's four
            // bytes are always compared before it is used.
            let end = at + length;
            table[hash(rest >> 8)] = (at + 1) as u32;
            table[hash(rest >> 16)] = (at + 2) as u32;
            table[hash(read8(data, end - 1))] = (end - 1) as u32;
            i = end;
            rep = distance;
            if count >= BLOCK_SYMBOLS {
                self.block(&symbols[..count], out);
                count = 0;
            }
        }
        for &byte in data.get(i..).unwrap_or_default() {
            symbols[count] = literal(u32::from(byte));
            self.litlen[usize::from(byte)] += 1;
            count += 1;
        }
        if count > 0 {
            self.block(&symbols[..count], out);
        }
        self.table = table;
        self.symbols = symbols;
        // The sync flush: an empty stored block, the stream on a byte boundary.
        let bits = &mut self.bits;
        bits.room(HEADER_BYTES);
        bits.put(0, 3);
        bits.align();
        bits.flush(out);
        out.extend_from_slice(&[0, 0, 0xFF, 0xFF]);
    }

    /// Writes the block of the symbols gathered, with its own codes, and starts the next.
    #[inline(never)]
    fn block(&mut self, symbols: &[u32], out: &mut Vec<u8>) {
        self.litlen[END_OF_BLOCK] += 1;
        let litlen_lengths = lengths(&self.litlen, MAX_BITS);
        let dist_lengths = lengths(&self.dist, MAX_BITS);
        let litlen_codes = codes(&litlen_lengths);
        let dist_codes = codes(&dist_lengths);
        let hlit = (257..=LITLEN_SYMBOLS).rev().find(|&n| litlen_lengths[n - 1] > 0).unwrap_or(257).max(257);
        let hdist = (1..=DIST_SYMBOLS).rev().find(|&n| dist_lengths[n - 1] > 0).unwrap_or(1);

        // The code lengths, run-length coded.
        let all: Vec<u8> = litlen_lengths[..hlit].iter().chain(&dist_lengths[..hdist]).copied().collect();
        let mut runs: Vec<(u8, u8)> = Vec::with_capacity(all.len());
        let mut length_freq = [0u32; 19];
        let mut k = 0;
        while k < all.len() {
            let value = all[k];
            let mut run = 1;
            while k + run < all.len() && all[k + run] == value {
                run += 1;
            }
            let mut left = run;
            if value == 0 {
                while left >= 11 {
                    let r = left.min(138);
                    runs.push((18, (r - 11) as u8));
                    left -= r;
                }
                if left >= 3 {
                    runs.push((17, (left - 3) as u8));
                    left = 0;
                }
            } else {
                runs.push((value, 0));
                left -= 1;
                while left >= 3 {
                    let r = left.min(6);
                    runs.push((16, (r - 3) as u8));
                    left -= r;
                }
            }
            for _ in 0..left {
                runs.push((value, 0));
            }
            k += run;
        }
        for &(symbol, _) in &runs {
            length_freq[usize::from(symbol)] += 1;
        }
        let length_lengths = lengths(&length_freq, MAX_LENGTH_BITS);
        let length_codes = codes(&length_lengths);
        let hclen = (4..=19).rev().find(|&n| length_lengths[LENGTH_ORDER[n - 1]] > 0).unwrap_or(4);

        // The writer held apart from `self` while the block is written, so
        // that its state stays in registers.
        let mut bits = std::mem::take(&mut self.bits);
        bits.room(HEADER_BYTES + symbols.len() * SYMBOL_BYTES);
        // Not the last block; dynamic codes.
        bits.put(0b100, 3);
        bits.put((hlit - 257) as u64, 5);
        bits.put((hdist - 1) as u64, 5);
        bits.put((hclen - 4) as u64, 4);
        for &symbol in &LENGTH_ORDER[..hclen] {
            bits.put(u64::from(length_lengths[symbol]), 3);
        }
        for &(symbol, extra) in &runs {
            let s = usize::from(symbol);
            bits.put(u64::from(length_codes[s]), length_lengths[s]);
            match symbol {
                16 => bits.put(u64::from(extra), 2),
                17 => bits.put(u64::from(extra), 3),
                18 => bits.put(u64::from(extra), 7),
                _ => {}
            }
        }
        // Each head's code (a literal's, or a length's with its extra bits)
        // and each distance code's, made once for the block.
        let mut head_bits = [(0u64, 0u8); 512];
        for (head, entry) in head_bits.iter_mut().enumerate() {
            *entry = match head.checked_sub(256) {
                None => (u64::from(litlen_codes[head]), litlen_lengths[head]),
                Some(length) => {
                    let code = usize::from(LENGTH_CODE[length]);
                    let n = litlen_lengths[257 + code];
                    let extra = (length + 3 - usize::from(LENGTH_BASE[code])) as u64;
                    (u64::from(litlen_codes[257 + code]) | (extra << n), n + LENGTH_EXTRA[code])
                }
            };
        }
        // A literal's distance is nothing: no code, no bits.
        let mut dist_bits = [(0u64, 0u8, 0u8); 32];
        for (code, entry) in dist_bits.iter_mut().take(DIST_SYMBOLS).enumerate() {
            *entry = (u64::from(dist_codes[code]), dist_lengths[code], dist_lengths[code] + DIST_EXTRA[code]);
        }
        for &symbol in symbols {
            // The head's code and the distance's with its extra bits, in one put (at most 48 bits).
            let (mut value, mut n) = head_bits[(symbol >> HEAD_SHIFT) as usize & 511];
            let (code, code_n, all_n) = dist_bits[(symbol >> DIST_CODE_SHIFT) as usize & 31];
            let extra = u64::from(symbol & ((1 << DIST_CODE_SHIFT) - 1));
            value |= (code | (extra << code_n)) << n;
            n += all_n;
            bits.put(value, n);
        }
        bits.put(u64::from(litlen_codes[END_OF_BLOCK]), litlen_lengths[END_OF_BLOCK]);
        bits.flush(out);
        self.bits = bits;
        self.litlen.fill(0);
        self.dist.fill(0);
    }
}

/// Bits written from the least significant, as deflate reads them, into
/// a buffer kept from block to block and sized before each block, so
/// that a put is a store of eight bytes and no check of room. The bits
/// not yet written are fewer than a byte between two puts: each put
/// writes the bytes it completes, without a branch.
#[derive(Default)]
struct Bits {
    buf: Vec<u8>,
    pos: usize,
    acc: u64,
    count: u32,
}

impl Bits {
    /// Makes room for `bytes` more, and eight to spare for the last put's store.
    fn room(&mut self, bytes: usize) {
        let need = self.pos + bytes + 8;
        if self.buf.len() < need {
            self.buf.resize(need, 0);
        }
    }

    /// Puts the `n` (at most 56) low bits of `value`.
    fn put(&mut self, value: u64, n: u8) {
        self.acc |= value << self.count;
        self.count += u32::from(n);
        if let Some(place) = self.buf.get_mut(self.pos..self.pos + 8) {
            place.copy_from_slice(&self.acc.to_le_bytes());
        }
        let bytes = self.count / 8;
        self.pos += bytes as usize;
        self.acc >>= bytes * 8;
        self.count &= 7;
    }

    /// Writes the bits left, the last byte padded with zeros.
    fn align(&mut self) {
        if self.count > 0 {
            self.put(0, 8 - self.count as u8);
        }
        self.acc = 0;
        self.count = 0;
    }

    /// Appends the whole bytes written to `out`; the bits of a byte not
    /// yet whole stay.
    fn flush(&mut self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.buf[..self.pos]);
        self.pos = 0;
    }
}

/// The Huffman code lengths of symbols of these frequencies, none longer
/// than `limit`; at least two symbols get a code, so that the code is
/// complete. Where the lengths go past the limit, the frequencies are halved
/// (none below one) and the code made again, until they fit.
fn lengths<const N: usize>(freq: &[u32; N], limit: u8) -> [u8; N] {
    let mut freq = *freq;
    let used = freq.iter().filter(|&&f| f > 0).count();
    if used < 2 {
        // One symbol or none: two codes of one bit.
        let mut out = [0u8; N];
        let first = freq.iter().position(|&f| f > 0).unwrap_or(0);
        out[first] = 1;
        out[if first == 0 { 1 } else { 0 }] = 1;
        return out;
    }
    loop {
        let out = huffman(&freq);
        if out.iter().all(|&l| l <= limit) {
            return out;
        }
        for f in freq.iter_mut().filter(|f| **f > 0) {
            *f = (*f >> 1).max(1);
        }
    }
}

/// Huffman code lengths (unlimited) of the symbols with a frequency.
fn huffman<const N: usize>(freq: &[u32; N]) -> [u8; N] {
    // Leaves sorted by frequency, then internal nodes made in order of frequency (two queues).
    let mut leaves: Vec<(u32, usize)> = freq.iter().enumerate().filter(|(_, &f)| f > 0).map(|(s, &f)| (f, s)).collect();
    leaves.sort_unstable();
    let count = leaves.len();
    // Node i < count: leaf i; node count + j: internal node j. parent[i] is the node's parent.
    let mut weight: Vec<u64> = leaves.iter().map(|&(f, _)| u64::from(f)).collect();
    weight.reserve(count);
    let mut parent = vec![0usize; 2 * count - 1];
    let (mut next_leaf, mut next_inner) = (0, count);
    for _ in 0..count - 1 {
        let mut pick = || {
            if next_leaf < count && (next_inner >= weight.len() || weight[next_leaf] <= weight[next_inner]) {
                next_leaf += 1;
                next_leaf - 1
            } else {
                next_inner += 1;
                next_inner - 1
            }
        };
        let (a, b) = (pick(), pick());
        let node = weight.len();
        weight.push(weight[a] + weight[b]);
        parent[a] = node;
        parent[b] = node;
    }
    // Depths from the root (the last node) down: a parent always comes after its children.
    let mut depth = vec![0u8; 2 * count - 1];
    for node in (0..2 * count - 2).rev() {
        depth[node] = depth[parent[node]].saturating_add(1);
    }
    let mut out = [0u8; N];
    for (i, &(_, symbol)) in leaves.iter().enumerate() {
        out[symbol] = depth[i];
    }
    out
}

/// The canonical codes of these lengths, bit-reversed for writing from the least significant bit.
fn codes<const N: usize>(lengths: &[u8; N]) -> [u16; N] {
    let mut count = [0u16; 16];
    for &l in lengths {
        count[usize::from(l)] += 1;
    }
    count[0] = 0;
    let mut next = [0u16; 16];
    let mut code = 0u16;
    for bits in 1..16 {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    let mut out = [0u16; N];
    for (symbol, &l) in lengths.iter().enumerate() {
        if l > 0 {
            let c = next[usize::from(l)];
            next[usize::from(l)] += 1;
            out[symbol] = c.reverse_bits() >> (16 - l);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// The pieces deflated one after the other, closed by an empty final block, read back.
    fn round_trip(pieces: &[&[u8]]) -> Vec<u8> {
        let mut encoder = Encoder::default();
        let mut stream = Vec::new();
        for piece in pieces {
            encoder.deflate(piece, &mut stream);
        }
        stream.extend_from_slice(&[0x03, 0x00]);
        let mut back = Vec::new();
        flate2::read::DeflateDecoder::new(&stream[..]).read_to_end(&mut back).unwrap();
        back
    }

    /// Bytes that look like random ones, the same every run.
    fn noise(len: usize) -> Vec<u8> {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    #[test]
    fn every_kind_of_piece_reads_back_as_it_was() {
        let rows: Vec<u8> = (0..60_000u32)
            .flat_map(|i| {
                format!("<row r=\"{i}\"><c r=\"A{i}\" s=\"3\"><v>{}</v></c></row>", i * 7 % 1000).into_bytes()
            })
            .collect();
        let noise = noise(300_000);
        let run = vec![b'a'; 100_000];
        // Noise, and its start again exactly a window back.
        let mut far = noise[..WINDOW].to_vec();
        far.extend_from_slice(&noise[..5_000]);
        let all: [&[u8]; 9] = [b"", b"x", b"abcabcabcabc", &rows, &noise, &run, &far, b"", &rows[..70_000]];
        for piece in all {
            assert_eq!(round_trip(&[piece]), piece, "a piece of {} bytes", piece.len());
        }
        // The rows take many blocks (65 536 symbols each) and are mostly matches.
        let mut deflated = Vec::new();
        Encoder::default().deflate(&rows, &mut deflated);
        assert!(deflated.len() * 5 < rows.len(), "{} bytes for {}", deflated.len(), rows.len());
        // Pieces one after the other, an encoder kept from one to the next, are one stream.
        assert_eq!(round_trip(&all), all.concat());
        // A sync flush of nothing is the empty stored block alone.
        let mut empty = Vec::new();
        Encoder::default().deflate(b"", &mut empty);
        assert_eq!(empty, [0x00, 0x00, 0x00, 0xFF, 0xFF]);
    }

    proptest::proptest! {
        /// Any bytes, cut into any pieces deflated one after the other by one
        /// encoder, read back as they were: a sheet's text is whatever the
        /// plan's names hold. Small alphabets make long matches and runs.
        #[test]
        fn any_pieces_read_back_as_they_were(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::collection::vec(proptest::prelude::any::<u8>(), 0..3_000),
                    proptest::collection::vec(0u8..3, 0..40_000),
                ],
                0..5,
            )
        ) {
            let slices: Vec<&[u8]> = pieces.iter().map(Vec::as_slice).collect();
            proptest::prop_assert_eq!(round_trip(&slices), pieces.concat());
        }

        /// Rows like a sheet's, of any values, cut anywhere: the same
        /// distance tried again after each match, literals and matches
        /// alternating, matches running up to a piece's last bytes.
        #[test]
        fn rows_cut_anywhere_read_back_as_they_were(
            values in proptest::collection::vec((0u32..20, 0u32..100_000, 0u8..4), 1..400),
            cuts in proptest::collection::vec(0usize..60_000, 0..4),
        ) {
            let text = sheet_rows(&values);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (text.len() + 1)).collect();
            cuts.sort_unstable();
            let mut pieces = Vec::new();
            let mut from = 0;
            for cut in cuts.into_iter().chain([text.len()]) {
                pieces.push(&text[from..cut]);
                from = cut;
            }
            proptest::prop_assert_eq!(round_trip(&pieces), text);
        }
    }

    /// Rows as a sheet writes them: a row number, cells with a reference,
    /// a style, a type and a value, one row after another.
    fn sheet_rows(values: &[(u32, u32, u8)]) -> Vec<u8> {
        let mut text = Vec::new();
        for (row, &(level, value, kind)) in values.iter().enumerate() {
            let r = row + 6;
            text.extend_from_slice(format!("<row r=\"{r}\" spans=\"1:15\" outlineLevel=\"{}\">", level % 3).as_bytes());
            for (column, letter) in "ABCDEFGHIJKLMNO".chars().enumerate() {
                let v = value.wrapping_mul(column as u32 + 1) % 100_003;
                let cell = match (kind + column as u8) % 4 {
                    0 => format!("<c r=\"{letter}{r}\" t=\"s\"><v>{v}</v></c>"),
                    1 => format!("<c r=\"{letter}{r}\" s=\"7\"><v>{v}.{}</v></c>", v % 97),
                    2 => format!("<c r=\"{letter}{r}\"><v>{}</v></c>", v % 10),
                    _ => String::new(),
                };
                text.extend_from_slice(cell.as_bytes());
            }
            text.extend_from_slice(b"</row>");
        }
        text
    }

    #[test]
    fn a_match_again_at_the_same_distance_reads_back_at_every_end() {
        // Two rows a digit apart: after the first match the same distance
        // matches again one byte on. Cut short at every length, the second
        // match, the trial of the same distance and the reads of eight bytes
        // meet the end of the piece in every way.
        let text = b"<c r=\"A17\" t=\"s\"><v>4</v></c><c r=\"A18\" t=\"s\"><v>4</v></c>";
        for len in 0..=text.len() {
            assert_eq!(round_trip(&[&text[..len]]), &text[..len], "{len} bytes");
        }
        // Many rows, in many blocks, mostly matches.
        let values: Vec<(u32, u32, u8)> = (0..5_000).map(|i| (i % 3, i * 7_919 % 100_000, (i % 4) as u8)).collect();
        let rows = sheet_rows(&values);
        let mut deflated = Vec::new();
        Encoder::default().deflate(&rows, &mut deflated);
        assert!(deflated.len() * 4 < rows.len(), "{} bytes for {}", deflated.len(), rows.len());
        assert_eq!(round_trip(&[&rows]), rows);
    }

    /// The speed on rows like a sheet's, 48 MB of them in pieces of 1.8 MB
    /// as the workbook deflates them: `cargo test --release --lib
    /// deflate_speed -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn deflate_speed() {
        let values: Vec<(u32, u32, u8)> =
            (0..100_000u32).map(|i| (i % 3, i.wrapping_mul(2_654_435_761) % 100_000, (i % 4) as u8)).collect();
        let rows = sheet_rows(&values);
        let mut encoder = Encoder::default();
        let mut best = std::time::Duration::MAX;
        let mut size = 0;
        for _ in 0..5 {
            let mut out = Vec::with_capacity(rows.len() / 4);
            let start = std::time::Instant::now();
            for piece in rows.chunks(1_800_000) {
                encoder.deflate(piece, &mut out);
            }
            best = best.min(start.elapsed());
            size = out.len();
        }
        println!("{} bytes in {best:?}: {size} bytes", rows.len());
    }

    #[test]
    fn codes_never_pass_their_limit_and_are_complete() {
        // Fibonacci frequencies make the deepest Huffman tree: 30 symbols would take 29 bits.
        let mut freq = [0u32; LITLEN_SYMBOLS];
        let (mut a, mut b) = (1u32, 1u32);
        for f in freq.iter_mut().take(30) {
            *f = a;
            (a, b) = (b, a + b);
        }
        for (limit, lengths) in
            [(MAX_BITS, lengths(&freq, MAX_BITS)), (MAX_LENGTH_BITS, lengths(&freq, MAX_LENGTH_BITS))]
        {
            assert!(lengths.iter().all(|&l| l <= limit));
            assert_eq!(lengths.iter().filter(|&&l| l > 0).count(), 30);
            // Complete: the lengths' 2^-l sum to one.
            let kraft: u64 = lengths.iter().filter(|&&l| l > 0).map(|&l| 1u64 << (MAX_BITS - l)).sum();
            assert_eq!(kraft, 1 << MAX_BITS);
        }
        // One symbol, or none, still gets a code of two one-bit symbols.
        let mut one = [0u32; DIST_SYMBOLS];
        assert_eq!(&lengths(&one, MAX_BITS)[..3], [1, 1, 0]);
        one[7] = 5;
        let lengths = lengths(&one, MAX_BITS);
        assert_eq!((lengths[0], lengths[7], lengths.iter().filter(|&&l| l > 0).count()), (1, 1, 2));
        // Canonical codes, bit-reversed: lengths 1, 2, 3, 3 are 0, 10, 110, 111.
        assert_eq!(codes(&[2, 1, 3, 3]), [0b01, 0b0, 0b011, 0b111]);
    }
}
