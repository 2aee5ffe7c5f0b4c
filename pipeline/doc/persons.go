package doc

import "time"

// RegistryPerson is one real person across a whole run, as the registry
// (pipeline/registry) finds it: the persons table's row.
type RegistryPerson struct {
	UID       string   // person_uid: stable for the same input, whatever the workers or shards
	Name      string   // the fullest, most frequent well-written form
	Variants  []string // every form written for the person (names and aliases), most frequent first
	Documents int      // documents naming the person
	Mentions  int      // mentions over those documents
	FirstSeen time.Time
	LastSeen  time.Time // publication dates; zero when no document has one
	Evidence  []string  // how the forms were merged: "RULE: form ~ form (shared …)"
}

// RoleSpan is one position of one real person across a run: the
// role_timeline table's row.
type RoleSpan struct {
	UID       string
	Title     string // as most often written
	Org       string // "" when none
	FirstSeen time.Time
	LastSeen  time.Time // zero when no document stating it has a publication date
	Documents int
}
