package main

import (
	"fmt"

	"plenary/pipeline/eval"
	"plenary/pipeline/lexicon"
	"plenary/pipeline/registry"
)

// scoreIdentity scores the registry's persons over the corpus when its
// folder has an identity.json (nil result when not), and gives the
// predicted clusters: the documents' people
// go through the same whole-run step as plenary run's, and each person_uid
// is one predicted cluster of (doc_id, name) members.
func scoreIdentity(c *eval.Corpus, people map[string]registry.DocPeople, lx *lexicon.Lexicon) (*eval.IdentityResult, [][]eval.Member, error) {
	gold, ok, err := eval.LoadIdentity(c)
	if err != nil || !ok {
		return nil, nil, err
	}
	rv, err := registry.New(lx)
	if err != nil {
		return nil, nil, fmt.Errorf("eval: %w", err)
	}
	docs := make([]registry.DocPeople, 0, len(people))
	for _, d := range c.Docs {
		if p, ok := people[d.ID]; ok {
			docs = append(docs, p)
		}
	}
	reg := rv.ResolveSlice(docs)
	at := map[string]int{}
	var pred [][]eval.Member
	reg.Each(func(docID, _, name, uid string) {
		i, ok := at[uid]
		if !ok {
			i = len(pred)
			at[uid] = i
			pred = append(pred, nil)
		}
		pred[i] = append(pred[i], eval.Member{DocID: docID, Name: name})
	})
	res, err := eval.ScoreIdentity(gold, pred, eval.IdentityAliases(c, gold))
	if err != nil {
		return nil, nil, err
	}
	return &res, pred, nil
}
