// End the running transactions whose metadata carries `request` = $request (a client that
// went away: its reads need not run to their timeout). Params: $request. Returns id, message.
SHOW TRANSACTIONS YIELD transactionId, metaData
WHERE metaData.request = $request
TERMINATE TRANSACTIONS transactionId
YIELD transactionId AS id, message
RETURN id, message
