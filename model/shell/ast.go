package shell

// The parsed script. A list is and-or items run one after the other; an
// and-or item is pipelines joined by && and ||; a pipeline is commands
// joined by |; a command is words and redirections, or a subshell.
type (
	list struct{ items []andOr }

	andOr struct {
		first pipeline
		rest  []andOrStep
	}

	andOrStep struct {
		and bool // && (else ||)
		p   pipeline
	}

	pipeline struct{ cmds []command }

	command struct {
		words  []word
		redirs []redir
		sub    *list // ( ... )
	}

	redir struct {
		fd     int    // 0 for <, 1 for >, or the digit given
		op     string // "<", ">", ">>", ">&"
		target word
	}

	// word is a sequence of parts concatenated after expansion.
	word struct{ parts []part }

	part struct {
		kind   partKind
		text   string // literal text or variable name
		quoted bool   // inside quotes: no field splitting
		sub    *list  // command substitution
	}
)

type partKind uint8

const (
	litPart partKind = iota
	varPart
	subPart
)
