package eval

// maxMatching is score.py's max_matching: Kuhn's augmenting paths, trying the
// predictions in `order` (nil: 0..n-1) and, for each, its gold candidates in
// the order listed in compat. The exact order matters: it decides which of
// several maximum matchings is reported, and so the error lists and the quote
// pairs that attribution is judged on. Returns the gold index of each
// prediction, or -1.
func maxMatching(nPred, nGold int, compat [][]int, order []int) []int {
	goldOwner := make([]int, nGold)
	predGold := make([]int, nPred)
	for i := range goldOwner {
		goldOwner[i] = -1
	}
	for i := range predGold {
		predGold[i] = -1
	}
	// seen[g] == stamp marks gold items visited in the current search; a new
	// stamp per search stands for score.py's fresh set().
	seen := make([]int, nGold)
	stamp := 0
	var try func(i int) bool
	try = func(i int) bool {
		for _, g := range compat[i] {
			if seen[g] == stamp {
				continue
			}
			seen[g] = stamp
			if goldOwner[g] < 0 || try(goldOwner[g]) {
				goldOwner[g] = i
				predGold[i] = g
				return true
			}
		}
		return false
	}
	run := func(i int) {
		if len(compat[i]) > 0 {
			stamp++
			try(i)
		}
	}
	if order == nil {
		for i := 0; i < nPred; i++ {
			run(i)
		}
	} else {
		for _, i := range order {
			run(i)
		}
	}
	return predGold
}
