// Package ftm reads FollowTheMoney entities as JSON lines, the format of
// OpenSanctions and Aleph, and maps its schemata onto shellnet's entities
// and links. Importing it registers the "ftm" input format.
package ftm
