-- Headless Neovim as an LSP client of the ECE language server (dist/server.js --stdio).
-- Run (the harness does this):  nvim --headless --clean -n -c "luafile test/nvim/diagnostics.lua" <pool file>
-- Env: ECE_NVIM_SERVER  path of dist/server.js;  ECE_NVIM_OUT  where to write what was received (JSON);
--      ECE_NVIM_ROOT    workspace root to announce;  ECE_NVIM_TIMEOUT_MS  how long to wait (default 30000);
--      ECE_NVIM_COMMAND optional JSON { command, arguments }: once the diagnostics are in, run it with
--                       workspace/executeCommand ("$URI" in the arguments is this buffer's URI) and record its result
--                       and the buffer's text after the server's workspace/applyEdit.
-- Works on Neovim 0.7 (Debian 12: vim.lsp.start_client + buf_attach_client) and 0.8+ (vim.lsp.start).
local server = assert(os.getenv('ECE_NVIM_SERVER'), 'ECE_NVIM_SERVER not set')
local out = assert(os.getenv('ECE_NVIM_OUT'), 'ECE_NVIM_OUT not set')
local timeout = tonumber(os.getenv('ECE_NVIM_TIMEOUT_MS') or '30000')
local bufnr = vim.api.nvim_get_current_buf()
local fname = vim.api.nvim_buf_get_name(bufnr)
local root = os.getenv('ECE_NVIM_ROOT') or vim.fn.fnamemodify(fname, ':h')
local uri = vim.uri_from_bufnr(bufnr)

local received = nil          -- the raw LSP diagnostics published for this buffer
local log = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and result.uri == uri then received = result.diagnostics end
  return default_publish(err, result, ctx, config)
end

local command_result = nil   -- the workspace/executeCommand answer, when ECE_NVIM_COMMAND is set
local function finish(code, msg)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode({
    ok = code == 0, message = msg or '', uri = uri, nvim = vim.version(),
    diagnostics = received or {},
    nvimDiagnostics = #vim.diagnostic.get(bufnr),
    commandResult = command_result,
    bufferText = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n'),
    log = log,
  }))
  f:close()
  for _, client in pairs(vim.lsp.get_active_clients()) do client.stop(true) end
  vim.cmd((code == 0) and 'qa!' or 'cquit ' .. code)
end

local config = {
  name = 'ece-config',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ece' } },
  settings = { ece = { rules = {} } },
  on_init = function() table.insert(log, 'initialized') end,
  on_exit = function(code) table.insert(log, 'server exited ' .. tostring(code)) end,
}
local ok, err = pcall(function()
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
  else
    local id = vim.lsp.start_client(config)
    assert(id, 'vim.lsp.start_client failed')
    assert(vim.lsp.buf_attach_client(bufnr, id), 'buf_attach_client failed')
  end
end)
if not ok then finish(2, 'could not start the client: ' .. tostring(err)) return end

local got = vim.wait(timeout, function() return received ~= nil and #received > 0 end, 50)
if not got then finish(3, 'no diagnostics within ' .. timeout .. ' ms') return end

local command = os.getenv('ECE_NVIM_COMMAND')
if command then
  local spec = vim.fn.json_decode(command)
  for i, a in ipairs(spec.arguments or {}) do if a == '$URI' then spec.arguments[i] = uri end end
  local client = vim.lsp.get_active_clients()[1]
  local done = false
  client.request('workspace/executeCommand', { command = spec.command, arguments = spec.arguments }, function(err, result)
    command_result = err and { error = tostring(err.message or err) } or result
    done = true
  end, bufnr)
  if not vim.wait(timeout, function() return done end, 50) then finish(4, 'no answer to ' .. spec.command) return end
end
finish(0)
