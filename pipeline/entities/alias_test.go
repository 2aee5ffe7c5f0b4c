package entities

import "plenary/pipeline/doc"

type (
	doc_Person       = doc.Person
	doc_Location     = doc.Location
	doc_Organization = doc.Organization
)
