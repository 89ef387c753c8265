// Shortest paths from a supplier to sanctioned entities, over trade and control links in either direction.
MATCH p = ANY SHORTEST (s:Entity {id: 'vendor-apple'})-[:SUPPLIES|PAYS|OWNS|DIRECTS|REPRESENTS|HOLDS_ACCOUNT]-{1,6}(t:Entity WHERE t.listed)
RETURN t.name AS sanctioned, length(p) AS hops, [n IN nodes(p) | n.name] AS path
ORDER BY hops, sanctioned;

// Addresses shared by several companies.
MATCH (a:Address)<-[:LOCATED_AT]-(c:Company)
WITH a, count(c) AS companies, collect(c.name) AS names
WHERE companies > 1
RETURN a.name AS address, companies, names
ORDER BY companies DESC, address;

// Ownership chains from listed parties, with the share at each step.
MATCH p = (owner:Entity WHERE owner.listed)-[:OWNS]->{1,4}(asset:Entity)
RETURN owner.name AS listed_owner, [n IN nodes(p)[1..] | n.name] AS chain, [r IN relationships(p) | r.percentage] AS shares
ORDER BY listed_owner, size(chain), chain;
