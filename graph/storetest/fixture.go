package storetest

import (
	"time"

	"github.com/shellnet/shellnet/graph"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// caseEntities is a small part of the Glocom case (see fixtures/glocom),
// with every field of graph.Entity used at least once.
func caseEntities() []graph.Entity {
	return []graph.Entity{
		{
			ID: "rgb", Kind: graph.Organization, Name: "Reconnaissance General Bureau",
			Aliases:     []string{"RGB", "정찰총국"},
			Countries:   []string{"KP"},
			Identifiers: map[string][]string{graph.IDOFAC: {"12210"}, graph.IDUN: {"KPe.031"}},
			Tags:        []string{graph.TagSanction},
			Sanctions: []graph.Sanction{
				{Authority: "OFAC", Program: "DPRK", Reference: "12210", Listed: day("2015-01-02")},
				{Authority: "OFAC", Program: "DPRK2", Reference: "12210"},
				{Authority: "UN", Reference: "KPe.031", Listed: day("2016-03-02")},
			},
			Sources: []graph.Source{
				{Dataset: "ofac-sdn", Record: "sdn.csv:812", Seen: time.Date(2024, 1, 2, 3, 4, 5, 600, time.UTC)},
				{Dataset: "un-sc", Record: "consolidated.xml:KPe.031"},
			},
		},
		{
			ID: "glocom", Kind: graph.Company, Name: "Glocom",
			Aliases:     []string{"Global Communications Co."},
			Countries:   []string{"MY"},
			Identifiers: map[string][]string{graph.IDWebsite: {"glocom.com.my"}},
			Tags:        []string{graph.TagFront, graph.TagShell},
			Props: map[string]any{
				"notes":    "advertised as Malaysian; reported as a front of the RGB",
				"founded":  2006,
				"verified": true,
				"address":  map[string]any{"city": "Kuala Lumpur", "lines": []any{"Jalan Tun Sambanthan", 3}},
				"products": []any{"radio", "encryption"},
				"ratio":    0.125,
			},
			Sources: []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:1", Seen: day("2017-09-01")}},
		},
		{
			ID: "pan-systems-pyongyang", Kind: graph.Company, Name: "Pan Systems Pyongyang Branch",
			Countries: []string{"KP"}, Tags: []string{graph.TagFront},
			Sources: []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:2"}},
		},
		{
			ID: "pan-systems-singapore", Kind: graph.Company, Name: "Pan Systems Pte. Ltd.",
			Countries:   []string{"SG"},
			Identifiers: map[string][]string{graph.IDRegistration: {"SG-200101234K"}},
			Sources:     []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:3"}},
		},
		{
			ID: "igs", Kind: graph.Company, Name: "International Global System Sdn Bhd",
			Countries: []string{"MY"},
			Sources:   []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:4"}},
		},
		{
			ID: "igsv", Kind: graph.Company, Name: "International Golden Services Sdn Bhd",
			Countries: []string{"MY"},
			Sources:   []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:5"}},
		},
		{
			ID: "front-cn", Kind: graph.Company, Name: "中国前沿贸易有限公司",
			Aliases: []string{"Frontier Trading (China) Co."}, Countries: []string{"CN"},
			Tags:    []string{graph.TagFront, graph.TagHub},
			Props:   map[string]any{"notes": "illustrative"},
			Sources: []graph.Source{{Dataset: "illustrative", Record: "front-cn"}},
		},
		{
			ID: "조선-체신성", Kind: graph.Organization, Name: "조선 체신성",
			Aliases: []string{"Ministry of Posts and Telecommunications"}, Countries: []string{"KP"},
			Props:   map[string]any{"notes": "illustrative"},
			Sources: []graph.Source{{Dataset: "illustrative", Record: "kp-mpt"}},
		},
		{
			ID: "address-brickfields", Kind: graph.Address, Name: "Brickfields, Kuala Lumpur",
			Countries: []string{"MY"},
			Sources:   []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:9"}},
		},
		{
			ID: "account-us", Kind: graph.BankAccount, Name: "US correspondent account",
			Countries:   []string{"US"},
			Identifiers: map[string][]string{graph.IDIBAN: {"US00ILLUSTRATIVE0001"}},
			Sources:     []graph.Source{{Dataset: "illustrative", Record: "account-us"}},
		},
	}
}

// caseLinks links caseEntities; every field of graph.Link is used.
func caseLinks() []graph.Link {
	return []graph.Link{
		{ID: "l-glocom-rgb", From: "glocom", To: "rgb", Type: graph.Represents,
			Props:   map[string]any{"role": "front", "start": "2009"},
			Sources: []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:20", Seen: day("2017-09-01")}}},
		{ID: "l-pyongyang-glocom", From: "pan-systems-pyongyang", To: "glocom", Type: graph.Directs,
			Sources: []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:21"}}},
		{ID: "l-singapore-pyongyang", From: "pan-systems-singapore", To: "pan-systems-pyongyang", Type: graph.Associate,
			Props:   map[string]any{"notes": "reported and denied"},
			Sources: []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:22"}}},
		{ID: "l-igs-glocom", From: "igs", To: "glocom", Type: graph.Represents,
			Sources: []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:23"}}},
		{ID: "l-igsv-glocom", From: "igsv", To: "glocom", Type: graph.Represents,
			Sources: []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:24"}}},
		{ID: "l-rgb-front-cn", From: "rgb", To: "front-cn", Type: graph.Owns,
			Props:   map[string]any{"percentage": 50, "start": "2015-01", "end": "2019-12-31"},
			Sources: []graph.Source{{Dataset: "illustrative", Record: "own-1"}}},
		{ID: "l-front-cn-pyongyang", From: "front-cn", To: "pan-systems-pyongyang", Type: graph.Supplies,
			Props:   map[string]any{"date": "2016-06-01", "amount": 12000.5, "currency": "USD", "goods": []any{"radios", "antennas"}, "weight": 2.5},
			Sources: []graph.Source{{Dataset: "illustrative", Record: "trade.csv:7", Seen: day("2018-02-03")}}},
		{ID: "l-glocom-address", From: "glocom", To: "address-brickfields", Type: graph.LocatedAt,
			Sources: []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:9"}}},
		{ID: "l-igs-address", From: "igs", To: "address-brickfields", Type: graph.LocatedAt,
			Sources: []graph.Source{{Dataset: "glocom", Record: "glocom.ftm.jsonl:9"}}},
		{ID: "l-mpt-pyongyang", From: "조선-체신성", To: "pan-systems-pyongyang", Type: graph.Owns,
			Props:   map[string]any{"percentage": 100, "end": "2012"},
			Sources: []graph.Source{{Dataset: "illustrative", Record: "own-2"}}},
		{ID: "l-pyongyang-account", From: "pan-systems-pyongyang", To: "account-us", Type: graph.HoldsAccount,
			Sources: []graph.Source{{Dataset: "illustrative", Record: "acct-1"}}},
	}
}
