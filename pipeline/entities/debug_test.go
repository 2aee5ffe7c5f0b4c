package entities

import (
	"fmt"
	"os"
	"testing"

	"plenary/pipeline/lexicon"
	"plenary/pipeline/segment"
)

// TestDebugText prints what Find sees in $PLENARY_DEBUG_TEXT (development aid).
func TestDebugText(t *testing.T) {
	text := os.Getenv("PLENARY_DEBUG_TEXT")
	if text == "" {
		t.Skip("PLENARY_DEBUG_TEXT not set")
	}
	seg, _ := segment.New()
	d := seg.Segment(text)
	for _, tk := range d.Tokens {
		fmt.Printf("%q ", tk.Text)
	}
	fmt.Println()
	r := New(lexicon.MustLoadEmbedded()).Find(d)
	for _, m := range r.Mentions {
		fmt.Printf("%s %s %q %s\n", m.EntityID, m.EntityType, m.Text, m.Method)
	}
	for _, p := range r.Organizations {
		fmt.Printf("%+v\n", p)
	}
	for _, ti := range r.Titles {
		fmt.Printf("%+v\n", ti)
	}
}
