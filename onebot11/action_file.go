package onebot11

import (
	"context"
	"encoding/json"
)

// UploadGroupFileParams are the parameters of upload_group_file.
type UploadGroupFileParams struct {
	GroupID  int64                      `json:"group_id"`
	File     string                     `json:"file"`                // local path, file://, http(s):// or base64://
	Name     string                     `json:"name,omitempty"`      // file name in the group
	FolderID string                     `json:"folder_id,omitempty"` // parent folder; root when empty
	Extra    map[string]json.RawMessage `json:"-"`
}

// UploadGroupFileResult is the data of upload_group_file.
type UploadGroupFileResult struct {
	FileID string                     `json:"file_id"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// UploadGroupFile uploads a file to a group (upload_group_file).
func (c *Client) UploadGroupFile(ctx context.Context, p *UploadGroupFileParams) (*UploadGroupFileResult, error) {
	return callResult[UploadGroupFileParams, UploadGroupFileResult](ctx, c, ActionUploadGroupFile, p)
}

// SetGroupFileForeverParams are the parameters of set_group_file_forever.
type SetGroupFileForeverParams struct {
	GroupID int64                      `json:"group_id"`
	FileID  string                     `json:"file_id"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// SetGroupFileForever makes a temporary group file permanent
// (set_group_file_forever, LLOneBot 6.5+).
func (c *Client) SetGroupFileForever(ctx context.Context, p *SetGroupFileForeverParams) error {
	return callNone(ctx, c, ActionSetGroupFileForever, p)
}

// DeleteGroupFileParams are the parameters of delete_group_file.
type DeleteGroupFileParams struct {
	GroupID int64                      `json:"group_id"`
	FileID  string                     `json:"file_id"`
	Busid   int64                      `json:"busid,omitempty"` // go-cqhttp
	Extra   map[string]json.RawMessage `json:"-"`
}

// DeleteGroupFile deletes a group file (delete_group_file).
func (c *Client) DeleteGroupFile(ctx context.Context, p *DeleteGroupFileParams) error {
	return callNone(ctx, c, ActionDeleteGroupFile, p)
}

// MoveGroupFileParams are the parameters of move_group_file.
type MoveGroupFileParams struct {
	GroupID         int64                      `json:"group_id"`
	FileID          string                     `json:"file_id"`
	ParentDirectory string                     `json:"parent_directory"` // the folder it is in
	TargetDirectory string                     `json:"target_directory"`
	Extra           map[string]json.RawMessage `json:"-"`
}

// MoveGroupFile moves a group file to another folder (move_group_file).
func (c *Client) MoveGroupFile(ctx context.Context, p *MoveGroupFileParams) error {
	return callNone(ctx, c, ActionMoveGroupFile, p)
}

// CreateGroupFileFolderParams are the parameters of create_group_file_folder.
type CreateGroupFileFolderParams struct {
	GroupID  int64                      `json:"group_id"`
	Name     string                     `json:"name"`
	ParentID string                     `json:"parent_id,omitempty"` // go-cqhttp: only "/" is supported
	Extra    map[string]json.RawMessage `json:"-"`
}

// CreateGroupFileFolderResult is the data of create_group_file_folder
// (go-cqhttp returns none).
type CreateGroupFileFolderResult struct {
	FolderID string                     `json:"folder_id"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// CreateGroupFileFolder creates a folder in a group's root (create_group_file_folder).
func (c *Client) CreateGroupFileFolder(ctx context.Context, p *CreateGroupFileFolderParams) (*CreateGroupFileFolderResult, error) {
	return callResult[CreateGroupFileFolderParams, CreateGroupFileFolderResult](ctx, c, ActionCreateGroupFileFolder, p)
}

// DeleteGroupFolderParams are the parameters of delete_group_folder.
type DeleteGroupFolderParams struct {
	GroupID  int64                      `json:"group_id"`
	FolderID string                     `json:"folder_id"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// DeleteGroupFolder deletes a group folder (delete_group_folder).
func (c *Client) DeleteGroupFolder(ctx context.Context, p *DeleteGroupFolderParams) error {
	return callNone(ctx, c, ActionDeleteGroupFolder, p)
}

// GetGroupFileSystemInfoParams are the parameters of get_group_file_system_info.
type GetGroupFileSystemInfoParams struct {
	GroupID int64                      `json:"group_id"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupFileSystemInfoResult is the data of get_group_file_system_info.
type GetGroupFileSystemInfoResult struct {
	FileCount  int64                      `json:"file_count"`
	LimitCount int64                      `json:"limit_count"`
	UsedSpace  int64                      `json:"used_space"`  // bytes
	TotalSpace int64                      `json:"total_space"` // bytes
	Extra      map[string]json.RawMessage `json:"-"`
}

// GetGroupFileSystemInfo returns a group's file-system usage (get_group_file_system_info).
func (c *Client) GetGroupFileSystemInfo(ctx context.Context, p *GetGroupFileSystemInfoParams) (*GetGroupFileSystemInfoResult, error) {
	return callResult[GetGroupFileSystemInfoParams, GetGroupFileSystemInfoResult](ctx, c, ActionGetGroupFileSystemInfo, p)
}

// GetGroupRootFilesParams are the parameters of get_group_root_files.
type GetGroupRootFilesParams struct {
	GroupID int64                      `json:"group_id"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupRootFilesResult is the data of get_group_root_files.
type GetGroupRootFilesResult struct {
	Files   []GroupFile                `json:"files"`
	Folders []GroupFolder              `json:"folders"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupRootFiles lists the files and folders of a group's root (get_group_root_files).
func (c *Client) GetGroupRootFiles(ctx context.Context, p *GetGroupRootFilesParams) (*GetGroupRootFilesResult, error) {
	return callResult[GetGroupRootFilesParams, GetGroupRootFilesResult](ctx, c, ActionGetGroupRootFiles, p)
}

// GetGroupFilesByFolderParams are the parameters of get_group_files_by_folder.
type GetGroupFilesByFolderParams struct {
	GroupID  int64                      `json:"group_id"`
	FolderID string                     `json:"folder_id"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// GetGroupFilesByFolderResult is the data of get_group_files_by_folder.
type GetGroupFilesByFolderResult struct {
	Files   []GroupFile                `json:"files"`
	Folders []GroupFolder              `json:"folders"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupFilesByFolder lists the files and folders of a group folder (get_group_files_by_folder).
func (c *Client) GetGroupFilesByFolder(ctx context.Context, p *GetGroupFilesByFolderParams) (*GetGroupFilesByFolderResult, error) {
	return callResult[GetGroupFilesByFolderParams, GetGroupFilesByFolderResult](ctx, c, ActionGetGroupFilesByFolder, p)
}

// RenameGroupFileFolderParams are the parameters of rename_group_file_folder.
type RenameGroupFileFolderParams struct {
	GroupID       int64                      `json:"group_id"`
	FolderID      string                     `json:"folder_id"`
	NewFolderName string                     `json:"new_folder_name"`
	Extra         map[string]json.RawMessage `json:"-"`
}

// RenameGroupFileFolder renames a group folder (rename_group_file_folder).
func (c *Client) RenameGroupFileFolder(ctx context.Context, p *RenameGroupFileFolderParams) error {
	return callNone(ctx, c, ActionRenameGroupFileFolder, p)
}

// GetGroupFileURLParams are the parameters of get_group_file_url.
type GetGroupFileURLParams struct {
	GroupID int64                      `json:"group_id"`
	FileID  string                     `json:"file_id"`
	Busid   int64                      `json:"busid,omitempty"` // go-cqhttp
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupFileURLResult is the data of get_group_file_url.
type GetGroupFileURLResult struct {
	URL   string                     `json:"url"`
	Extra map[string]json.RawMessage `json:"-"`
}

// GetGroupFileURL returns a download URL of a group file (get_group_file_url).
func (c *Client) GetGroupFileURL(ctx context.Context, p *GetGroupFileURLParams) (*GetGroupFileURLResult, error) {
	return callResult[GetGroupFileURLParams, GetGroupFileURLResult](ctx, c, ActionGetGroupFileURL, p)
}

// GetPrivateFileURLParams are the parameters of get_private_file_url.
type GetPrivateFileURLParams struct {
	FileID string                     `json:"file_id"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// GetPrivateFileURLResult is the data of get_private_file_url.
type GetPrivateFileURLResult struct {
	URL   string                     `json:"url"`
	Extra map[string]json.RawMessage `json:"-"`
}

// GetPrivateFileURL returns a download URL of a private-chat file
// (get_private_file_url, LLOneBot 5.9+).
func (c *Client) GetPrivateFileURL(ctx context.Context, p *GetPrivateFileURLParams) (*GetPrivateFileURLResult, error) {
	return callResult[GetPrivateFileURLParams, GetPrivateFileURLResult](ctx, c, ActionGetPrivateFileURL, p)
}

// UploadPrivateFileParams are the parameters of upload_private_file.
type UploadPrivateFileParams struct {
	UserID int64                      `json:"user_id"`
	File   string                     `json:"file"` // local path, file://, http(s):// or base64://
	Name   string                     `json:"name,omitempty"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// UploadPrivateFileResult is the data of upload_private_file.
type UploadPrivateFileResult struct {
	FileID string                     `json:"file_id"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// UploadPrivateFile sends a file to a friend (upload_private_file).
func (c *Client) UploadPrivateFile(ctx context.Context, p *UploadPrivateFileParams) (*UploadPrivateFileResult, error) {
	return callResult[UploadPrivateFileParams, UploadPrivateFileResult](ctx, c, ActionUploadPrivateFile, p)
}

// UploadFlashFileParams are the parameters of upload_flash_file. Title is
// always sent ("" lets QQ choose).
type UploadFlashFileParams struct {
	Title string                     `json:"title"`
	Paths []string                   `json:"paths"` // file://, http(s):// or base64:// files
	Extra map[string]json.RawMessage `json:"-"`
}

// UploadFlashFileResult is the data of upload_flash_file.
type UploadFlashFileResult struct {
	FileSetID  string                     `json:"file_set_id"`
	ShareLink  string                     `json:"share_link"`
	ExpireTime int64                      `json:"expire_time"` // Unix seconds
	Extra      map[string]json.RawMessage `json:"-"`
}

// UploadFlashFile uploads files to QQ's flash transfer (upload_flash_file, LLOneBot 5.3+).
func (c *Client) UploadFlashFile(ctx context.Context, p *UploadFlashFileParams) (*UploadFlashFileResult, error) {
	return callResult[UploadFlashFileParams, UploadFlashFileResult](ctx, c, ActionUploadFlashFile, p)
}

// DownloadFlashFileParams are the parameters of download_flash_file: set one
// of the two.
type DownloadFlashFileParams struct {
	ShareLink string                     `json:"share_link,omitempty"`
	FileSetID string                     `json:"file_set_id,omitempty"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// DownloadFlashFile downloads a flash-transfer set (download_flash_file, LLOneBot 5.3+).
func (c *Client) DownloadFlashFile(ctx context.Context, p *DownloadFlashFileParams) error {
	return callNone(ctx, c, ActionDownloadFlashFile, p)
}

// GetFlashFileInfoParams are the parameters of get_flash_file_info: set one of the two.
type GetFlashFileInfoParams struct {
	ShareLink string                     `json:"share_link,omitempty"`
	FileSetID string                     `json:"file_set_id,omitempty"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// GetFlashFileInfoResult is the data of get_flash_file_info.
type GetFlashFileInfoResult struct {
	FileSetID     string                     `json:"file_set_id"`
	Title         string                     `json:"title"`
	ShareLink     string                     `json:"share_link"`
	TotalFileSize string                     `json:"total_file_size"`
	Files         []FlashFileEntry           `json:"files"`
	Extra         map[string]json.RawMessage `json:"-"`
}

// GetFlashFileInfo describes a flash-transfer set (get_flash_file_info, LLOneBot 5.3+).
func (c *Client) GetFlashFileInfo(ctx context.Context, p *GetFlashFileInfoParams) (*GetFlashFileInfoResult, error) {
	return callResult[GetFlashFileInfoParams, GetFlashFileInfoResult](ctx, c, ActionGetFlashFileInfo, p)
}

// DownloadFileParams are the parameters of download_file: URL or Base64.
// Headers are "Name=Value" strings.
type DownloadFileParams struct {
	URL         string                     `json:"url,omitempty"`
	Base64      string                     `json:"base64,omitempty"`
	Name        string                     `json:"name,omitempty"`
	Headers     []string                   `json:"headers,omitempty"`
	ThreadCount int64                      `json:"thread_count,omitempty"` // go-cqhttp
	Extra       map[string]json.RawMessage `json:"-"`
}

// DownloadFileResult is the data of download_file (go-cqhttp's shape; the
// document gives none).
type DownloadFileResult struct {
	File  string                     `json:"file"` // absolute path of the downloaded file
	Extra map[string]json.RawMessage `json:"-"`
}

// DownloadFile downloads a file into the implementation's cache (download_file).
func (c *Client) DownloadFile(ctx context.Context, p *DownloadFileParams) (*DownloadFileResult, error) {
	return callResult[DownloadFileParams, DownloadFileResult](ctx, c, ActionDownloadFile, p)
}
