package schedule

// Names the black-box tests (package schedule_test) need from inside.

var (
	BareHost      = bareHost
	CleanTitle    = cleanTitle
	DomainHost    = domainHost
	DoubledScheme = doubledScheme
	KeyOf         = keyOf
	NotSanitised  = notSanitised
)

const (
	MaxTalkLinks        = maxTalkLinks
	MaxTalkPersons      = maxTalkPersons
	RepairBareTZ        = repairBareTZ
	RepairLeadingSpace  = repairLeadingSpace
	RepairPretalxTitle  = repairPretalxTitle
	RepairSharedUID     = repairSharedUID
	RepairUnescapedText = repairUnescapedText
	RepairUnquotedCN    = repairUnquotedCN
	RepairWrongTZ       = repairWrongTZ
)
