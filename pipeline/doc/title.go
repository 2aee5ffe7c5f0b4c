package doc

// Title is a title phrase found before, after or instead of a name, linked
// to its holder: an item of LayerTitles, written by entities and read by
// roles.
type Title struct {
	Span
	Text     string // the position as written: "Deputy Chairman", "akim"
	Country  bool   // a post of a country or region (org null unless a body is named)
	Region   bool   // a post heading a region or city (governor, akim, mayor; titles.txt scope "region")
	Refers   string // for title-only references: the title it stands for ("President")
	Person   int    // index into the people of the mentions layer, -1 when no person is attached
	Org      int    // index into its organizations, -1 when none
	OrgText  string // the body as written in this phrase ("" when none)
	Place    string // the place the phrase names ("Kazakhstan" in "President of Kazakhstan")
	Sentence int
	Method   string // the rule (pipeline/rules ID) that linked it to its holder; "" when none did
	// Ref marks a title-only reference ("the governor") whose one holder a
	// role.ref.* rule found: Person is that holder.
	Ref bool
}
