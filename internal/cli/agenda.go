package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"cndtalks/model"
)

func (a *app) newAgendaCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "agenda",
		Short: "print your starred talks day by day, with conflicts and free time",
		Long: `Prints the talks you starred (cndtalks star, or s in the browser), day by
day in time order: talks that overlap are listed together under a ⚠ line,
and the free time between two starred talks is shown ("free 12:30–14:00").
Starred talks without a time come last. Nothing starred is not an error:
stdout stays empty (--json prints an empty agenda), stderr says so.`,
		Example: `cndtalks --event fosdem23 agenda
cndtalks agenda --json | jq '.conflicts'`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("agenda takes no arguments, got %s", model.QuoteLine(args[0]))
			}
			return a.agenda(asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the agenda as a JSON object")
	return cmd
}

func (a *app) agenda(asJSON bool) error {
	cat, err := a.catalogue()
	if err != nil {
		return err
	}
	marks, err := a.marksFor(cat)
	if a.marks.Path() != "" {
		a.warn(err)
	}
	ag := model.BuildAgenda(cat, marks)
	if asJSON {
		return a.writeJSON(agendaJSON(cat, ag))
	}
	if ag.Empty() {
		fmt.Fprintln(a.stderr, "cndtalks: no talk is starred (cndtalks star ID, or s in the browser)")
		return nil
	}
	return a.write(agendaText(cat, ag))
}

// agendaText is the agenda as text: a heading per day, a line per talk,
// a ⚠ line over talks that overlap, and the free time between them.
func agendaText(cat *model.Catalogue, ag model.Agenda) string {
	var s strings.Builder
	n := 0
	for _, d := range ag.Days {
		for _, sl := range d.Slots {
			n += len(sl.Talks)
		}
	}
	n += len(ag.Untimed)
	fmt.Fprintf(&s, "My agenda at %s: %d starred %s", model.SanitizeLine(cat.Event.Name), n, plural(n, "talk", "talks"))
	if ag.Conflicts > 0 {
		fmt.Fprintf(&s, ", %d %s", ag.Conflicts, plural(ag.Conflicts, "conflict", "conflicts"))
	}
	s.WriteString("\n")
	line := func(indent string, i int) {
		t := &cat.Talks[i]
		fmt.Fprintf(&s, "%s%-11s  %s", indent, model.TimeSpan(t), model.SanitizeLine(t.Title))
		if r := model.SanitizeLine(t.Room); r != "" {
			s.WriteString(" · " + r)
		}
		s.WriteString("\n")
	}
	for _, d := range ag.Days {
		fmt.Fprintf(&s, "\n%s\n", model.DayLabel(d.Day))
		for _, sl := range d.Slots {
			switch {
			case sl.Free():
				fmt.Fprintf(&s, "  free %s–%s (%s)\n", sl.Start.Format("15:04"), sl.End.Format("15:04"), model.Minutes(sl.End.Sub(sl.Start)))
			case sl.Conflict():
				fmt.Fprintf(&s, "  %s:\n", sl.ConflictHeading())
				for _, i := range sl.Talks {
					line("    ", i)
				}
			default:
				line("  ", sl.Talks[0])
			}
		}
	}
	if len(ag.Untimed) > 0 {
		s.WriteString("\nWithout a time\n")
		for _, i := range ag.Untimed {
			fmt.Fprintf(&s, "  %s\n", model.SanitizeLine(cat.Talks[i].Title))
		}
	}
	return s.String()
}

// Shapes of agenda --json.
type (
	agendaTalkJSON struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Room  string `json:"room,omitempty"`
		Start string `json:"start,omitempty"`
		End   string `json:"end,omitempty"`
	}
	agendaSlotJSON struct {
		Start    string           `json:"start"`
		End      string           `json:"end"`
		Free     bool             `json:"free,omitempty"`
		Conflict bool             `json:"conflict,omitempty"`
		Talks    []agendaTalkJSON `json:"talks"`
	}
	agendaDayJSON struct {
		Day   string           `json:"day"`
		Label string           `json:"label"`
		Slots []agendaSlotJSON `json:"slots"`
	}
	agendaJSONOut struct {
		Event     string           `json:"event"`
		Conflicts int              `json:"conflicts"`
		Days      []agendaDayJSON  `json:"days"`
		Untimed   []agendaTalkJSON `json:"untimed"`
	}
)

func agendaJSON(cat *model.Catalogue, ag model.Agenda) agendaJSONOut {
	talk := func(i int) agendaTalkJSON {
		t := &cat.Talks[i]
		j := agendaTalkJSON{ID: t.ID, Title: t.Title, Room: t.Room}
		if t.HasSchedule() {
			j.Start, j.End = t.Start.Format(time.RFC3339), t.End().Format(time.RFC3339)
		}
		return j
	}
	out := agendaJSONOut{Event: cat.Event.ID, Conflicts: ag.Conflicts, Days: []agendaDayJSON{}, Untimed: []agendaTalkJSON{}}
	for _, d := range ag.Days {
		dj := agendaDayJSON{Day: d.Day, Label: model.DayLabel(d.Day), Slots: []agendaSlotJSON{}}
		for _, sl := range d.Slots {
			sj := agendaSlotJSON{Start: sl.Start.Format(time.RFC3339), End: sl.End.Format(time.RFC3339),
				Free: sl.Free(), Conflict: sl.Conflict(), Talks: []agendaTalkJSON{}}
			for _, i := range sl.Talks {
				sj.Talks = append(sj.Talks, talk(i))
			}
			dj.Slots = append(dj.Slots, sj)
		}
		out.Days = append(out.Days, dj)
	}
	for _, i := range ag.Untimed {
		out.Untimed = append(out.Untimed, talk(i))
	}
	return out
}
