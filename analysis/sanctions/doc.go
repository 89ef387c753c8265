// Package sanctions finds the parties blocked by ownership or control:
// OFAC's 50 Percent Rule (FAQs 398-401) and the EU's "owned or controlled"
// test, as a fixed point over the holdings of listed and blocked parties.
package sanctions
