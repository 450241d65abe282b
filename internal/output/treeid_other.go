//go:build !unix

package output

// treeID has no stable identity for a directory here: manifests are not
// used, and each build compares the spare tree by reading it.
func treeID(string) string { return "" }
