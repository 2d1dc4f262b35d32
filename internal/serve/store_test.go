package serve

import "cndtalks/data/store"

func openStore(path string) (*store.MarksStore, error) { return store.OpenMarksFile(path) }
