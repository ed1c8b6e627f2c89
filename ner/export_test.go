package ner

// ModelData is the embedded model file, for the tests of package ner_test.
func ModelData() []byte { return modelData }
