package names

import "slices"

// maxSyllable is the length of the longest Korean syllable either
// romanisation spells (koreanSyllables): an initial of three letters
// ("tch"), a vowel of three ("yae"), a final of two ("ng").
const maxSyllable = 8

// koreanParts cuts w, a Korean name written in one word ("namchongang"),
// into the syllables it reads as (isKoreanSyllable), appended to out; out
// as it is when w is not made of two syllables or more. A consonant between
// two vowels may end a syllable or start the next ("nam chon gang", "nam
// chong ang"): the cut in which the fewest syllables after the first start
// with a vowel is taken, then the one with the fewest syllables, for
// both romanisations mark a syllable that starts with a vowel after one
// that ends with a consonant (the Revised Romanization of Korean, 2000,
// chapter 3, article 2: a hyphen, "Jung-ang"; McCune-Reischauer, 1939: an
// apostrophe, "Chung'ang"), so that a name written together without one
// is read with consonants starting its syllables.
func koreanParts(w string, out []string) []string {
	const maxLen = 40
	n := len(w)
	if n < 2 || n > maxLen || !isASCII(w) {
		return out
	}
	// cost[i] ranks the best cut of w[:i]: vowel starts << 8 | syllables,
	// 0 for none found; from[i] is where its last syllable starts
	var cost [maxLen + 1]int
	var from [maxLen + 1]int8
	cost[0] = 1
	for i := 1; i <= n; i++ {
		for j := max(0, i-maxSyllable); j < i; j++ {
			if cost[j] == 0 || !isKoreanSyllable(w[j:i]) {
				continue
			}
			c := cost[j] + 1
			if j > 0 && isVowel(w[j]) {
				c += 1 << 8
			}
			if cost[i] == 0 || c < cost[i] {
				cost[i], from[i] = c, int8(j)
			}
		}
	}
	if cost[n] == 0 || cost[n]&0xff < 3 { // cost starts at 1: two syllables make 3
		return out
	}
	start := len(out)
	for i := n; i > 0; i = int(from[i]) {
		out = append(out, w[from[i]:i])
	}
	slices.Reverse(out[start:]) // appended last first
	return out
}
