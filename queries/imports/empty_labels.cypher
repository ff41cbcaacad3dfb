// Which labels of the nodes an import creates hold no node yet: read from the count store,
// without a scan. Params: none. Returns label.
CALL () { MATCH (n:Partner) RETURN count(n) AS partners }
CALL () { MATCH (n:Agreement) RETURN count(n) AS agreements }
CALL () { MATCH (n:Activity) RETURN count(n) AS activities }
UNWIND [['Partner', partners], ['Agreement', agreements], ['Activity', activities]] AS pair
WITH pair WHERE pair[1] = 0
RETURN pair[0] AS label
