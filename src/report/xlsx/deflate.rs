//! A fast deflate encoder for the workbook's XML: greedy matches found
//! through a hash table of the last place each four bytes were seen (one
//! probe, no chains), coded with Huffman codes made for each block, so that
//! a sheet's repetitive rows cost about half the time of zlib's level 3 for
//! a file a few per cent bigger. Each piece ends with a sync flush (an empty
//! stored block), so pieces deflated apart, one after the other and closed
//! by a final block, are one deflate stream (README, "National scale").

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

fn dist_code(d: usize) -> usize {
    usize::from(if d < 256 { DIST_CODE[d] } else { DIST_CODE[256 + (d >> 7)] })
}

/// A match, in a symbol: this bit set, the length - 3 above bit 16, the distance - 1 below.
const MATCH: u32 = 1 << 31;

/// The encoder a thread keeps from piece to piece: its hash table and its
/// block's symbols are allocated once.
pub struct Encoder {
    table: Vec<u32>,
    symbols: Vec<u32>,
    litlen: [u32; LITLEN_SYMBOLS],
    dist: [u32; DIST_SYMBOLS],
}

impl Default for Encoder {
    fn default() -> Self {
        Encoder {
            table: vec![u32::MAX; 1 << HASH_BITS],
            symbols: Vec::with_capacity(BLOCK_SYMBOLS + 1),
            litlen: [0; LITLEN_SYMBOLS],
            dist: [0; DIST_SYMBOLS],
        }
    }
}

fn read4(data: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(data[at..at + 4].try_into().unwrap_or([0; 4]))
}

fn hash(four: u32) -> usize {
    (four.wrapping_mul(0x1E35_A7BD) >> (32 - HASH_BITS)) as usize
}

/// How many bytes from `a` and `b` (`a < b`) are the same, up to `max` from `b`.
fn common(data: &[u8], a: usize, b: usize, max: usize) -> usize {
    let mut n = 0;
    while n + 8 <= max {
        let x = u64::from_le_bytes(data[a + n..a + n + 8].try_into().unwrap_or([0; 8]));
        let y = u64::from_le_bytes(data[b + n..b + n + 8].try_into().unwrap_or([0; 8]));
        let diff = x ^ y;
        if diff != 0 {
            return n + (diff.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    while n < max && data[a + n] == data[b + n] {
        n += 1;
    }
    n
}

impl Encoder {
    /// Deflates `data` as non-final blocks ending with a sync flush, appended to `out`.
    pub fn deflate(&mut self, data: &[u8], out: &mut Vec<u8>) {
        self.table.fill(u32::MAX);
        let mut bits = Bits { out, acc: 0, count: 0 };
        let n = data.len();
        let mut i = 0;
        while i + MIN_MATCH <= n {
            let four = read4(data, i);
            let h = hash(four);
            let candidate = self.table[h] as usize;
            self.table[h] = i as u32;
            if candidate < i && i - candidate <= WINDOW && read4(data, candidate) == four {
                let longest = (n - i).min(MAX_MATCH) - MIN_MATCH;
                let length = MIN_MATCH + common(data, candidate + MIN_MATCH, i + MIN_MATCH, longest);
                let distance = i - candidate;
                self.symbols.push(MATCH | ((length as u32 - 3) << 16) | (distance as u32 - 1));
                self.litlen[257 + usize::from(LENGTH_CODE[length - 3])] += 1;
                self.dist[dist_code(distance - 1)] += 1;
                // Three places inside the match are remembered too (its second,
                // third and last): every one would find a little more, for
                // half again the time.
                let end = i + length;
                for place in [i + 1, i + 2, end - 1] {
                    if place < end && place + MIN_MATCH <= n {
                        self.table[hash(read4(data, place))] = place as u32;
                    }
                }
                i = end;
            } else {
                self.symbols.push(u32::from(data[i]));
                self.litlen[usize::from(data[i])] += 1;
                i += 1;
            }
            if self.symbols.len() >= BLOCK_SYMBOLS {
                self.block(&mut bits);
            }
        }
        while i < n {
            self.symbols.push(u32::from(data[i]));
            self.litlen[usize::from(data[i])] += 1;
            i += 1;
        }
        if !self.symbols.is_empty() {
            self.block(&mut bits);
        }
        // The sync flush: an empty stored block, the stream on a byte boundary.
        bits.put(0, 3);
        bits.align();
        bits.out.extend_from_slice(&[0, 0, 0xFF, 0xFF]);
    }

    /// Writes the block of the symbols gathered, with its own codes, and starts the next.
    fn block(&mut self, bits: &mut Bits<'_>) {
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
        // Each length's code with its extra bits, made once for the block.
        let mut length_bits = [(0u64, 0u8); 256];
        for (length, entry) in length_bits.iter_mut().enumerate() {
            let code = usize::from(LENGTH_CODE[length]);
            let n = litlen_lengths[257 + code];
            let extra = (length + 3 - usize::from(LENGTH_BASE[code])) as u64;
            *entry = (u64::from(litlen_codes[257 + code]) | (extra << n), n + LENGTH_EXTRA[code]);
        }
        bits.out.reserve(self.symbols.len() * 7 + 8);
        for &symbol in &self.symbols {
            if symbol & MATCH == 0 {
                let s = symbol as usize;
                bits.put(u64::from(litlen_codes[s]), litlen_lengths[s]);
            } else {
                // The length's code and extra bits and the distance's, in one put (at most 48 bits).
                let (mut value, mut n) = length_bits[((symbol >> 16) & 0xFF) as usize];
                let d = (symbol & 0x7FFF) as usize;
                let code = dist_code(d);
                value |= u64::from(dist_codes[code]) << n;
                n += dist_lengths[code];
                value |= ((d + 1 - usize::from(DIST_BASE[code])) as u64) << n;
                n += DIST_EXTRA[code];
                bits.put(value, n);
            }
        }
        bits.put(u64::from(litlen_codes[END_OF_BLOCK]), litlen_lengths[END_OF_BLOCK]);
        self.symbols.clear();
        self.litlen.fill(0);
        self.dist.fill(0);
    }
}

/// Bits written from the least significant, as deflate reads them. The
/// bits not yet written are fewer than a byte between two puts: each put
/// writes the bytes it completes, without a branch.
struct Bits<'o> {
    out: &'o mut Vec<u8>,
    acc: u64,
    count: u32,
}

impl Bits<'_> {
    /// Puts the `n` (at most 56) low bits of `value`.
    fn put(&mut self, value: u64, n: u8) {
        self.acc |= value << self.count;
        self.count += u32::from(n);
        let len = self.out.len();
        self.out.extend_from_slice(&self.acc.to_le_bytes());
        let bytes = self.count / 8;
        self.out.truncate(len + bytes as usize);
        self.acc >>= bytes * 8;
        self.count &= 7;
    }

    /// Writes the bits left, the last byte padded with zeros.
    fn align(&mut self) {
        if self.count > 0 {
            self.out.push(self.acc as u8);
        }
        self.acc = 0;
        self.count = 0;
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
